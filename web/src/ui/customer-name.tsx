import { ApiError } from '../api/types';
import { useSession } from '../session';
import { useLoad } from './hooks';

/** "Ann Njeri · K7Q2M", read through the session's cache of profiles. */
export function CustomerName({ customerId }: { customerId: string }) {
  const { customer } = useSession();
  const loaded = useLoad(() => customer(customerId), [customerId]);
  // An order outlives its customer's profile only when the customer deleted the account.
  if (loaded.status === 'error' && loaded.error instanceof ApiError && loaded.error.status === 404) return <span class="muted">Deleted customer</span>;
  if (loaded.status === 'error') return <span class="muted">customer not loaded</span>;
  if (!loaded.data) return <span class="muted">…</span>;
  return (
    <span>
      {loaded.data.name} <span class="code">{loaded.data.code}</span>
    </span>
  );
}
