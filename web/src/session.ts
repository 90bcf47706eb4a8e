import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { ApiClient } from './api/client';
import type { CustomerProfile, Me } from './api/types';
import { ok } from './api/client';

export interface Session {
  api: ApiClient;
  me: Me;
  signOut: () => void;
  /** A customer's profile, read once per page load (queue rows and order pages share it). */
  customer: (customerId: string) => Promise<CustomerProfile>;
}

export const SessionContext = createContext<Session | undefined>(undefined);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside the signed-in console');
  return session;
}

/** Caches customer profiles by id; a failed read is forgotten, so the next one retries. */
export function customerCache(api: ApiClient): Session['customer'] {
  const profiles = new Map<string, Promise<CustomerProfile>>();
  return (customerId) => {
    let profile = profiles.get(customerId);
    if (!profile) {
      profile = ok(api.GET('/v1/customers/{customerId}', { params: { path: { customerId } } }));
      profile.catch(() => profiles.delete(customerId));
      profiles.set(customerId, profile);
    }
    return profile;
  };
}
