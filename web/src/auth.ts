import { UserManager, WebStorageStateStore, type User } from 'oidc-client-ts';
import { CALLBACK_PATH, CONSOLE_BASE_PATH, SIGNED_OUT_PATH, type ConsoleConfig } from './config-shape';

export interface Auth {
  /** Sends the browser to the hosted login; back at `returnTo` once signed in. */
  signIn: (returnTo: string) => Promise<void>;
  /** On the callback page: trades the code (with the PKCE verifier) for tokens; the path to go back to. */
  completeSignIn: () => Promise<string>;
  /** The signed-in user, refreshed with the refresh token when the access token expired; null when none. */
  user: () => Promise<User | null>;
  accessToken: () => Promise<string | undefined>;
  signOut: () => Promise<void>;
}

/**
 * Sign-in with oidc-client-ts: authorization code + PKCE against the hosted login, tokens in
 * sessionStorage (gone with the tab, never in localStorage), silent renewal with the refresh
 * token. The metadata is explicit: the emulator's discovery document lacks the endpoints.
 */
export function createAuth(config: ConsoleConfig, origin = window.location.origin): Auth {
  const store = new WebStorageStateStore({ store: window.sessionStorage });
  const manager = new UserManager({
    authority: config.issuer,
    metadata: {
      issuer: config.issuer,
      authorization_endpoint: config.authorizationEndpoint,
      token_endpoint: config.tokenEndpoint,
      ...(config.logoutEndpoint && { end_session_endpoint: config.logoutEndpoint }),
    },
    client_id: config.clientId,
    redirect_uri: `${origin}${CALLBACK_PATH}`,
    post_logout_redirect_uri: `${origin}${CONSOLE_BASE_PATH}`,
    response_type: 'code',
    scope: 'openid email profile',
    userStore: store,
    stateStore: store,
    loadUserInfo: false,
    automaticSilentRenew: true,
  });

  // The console never uses the id token (its role comes from GET /v1/me with the access token), so
  // it is not kept: one token less in storage, and a renewal is not held against it (cognito-local
  // re-issues it with a new auth_time, which oidc-client-ts rightly refuses as another sign-in).
  manager.events.addUserLoaded(async (loaded) => {
    if (loaded.id_token === undefined) return;
    loaded.id_token = undefined;
    await manager.storeUser(loaded);
  });

  const user = async (): Promise<User | null> => {
    const current = await manager.getUser();
    if (!current || !current.expired) return current;
    try {
      return await manager.signinSilent();
    } catch (error) {
      console.warn('The session could not be renewed; signing in again.', error);
      await manager.removeUser();
      return null;
    }
  };

  return {
    signIn: (returnTo) => manager.signinRedirect({ state: { returnTo } }),
    completeSignIn: async () => {
      const signedIn = await manager.signinCallback();
      const returnTo = (signedIn?.state as { returnTo?: string } | undefined)?.returnTo;
      return returnTo?.startsWith(CONSOLE_BASE_PATH) ? returnTo : CONSOLE_BASE_PATH;
    },
    user,
    accessToken: async () => (await user())?.access_token,
    signOut: async () => {
      await manager.removeUser();
      // Cognito's /logout ends the hosted login's own session too; the emulator has none to end.
      if (!config.logoutEndpoint) return window.location.assign(SIGNED_OUT_PATH);
      const logout = new URL(config.logoutEndpoint);
      logout.searchParams.set('client_id', config.clientId);
      logout.searchParams.set('logout_uri', `${origin}${SIGNED_OUT_PATH}`);
      window.location.assign(logout.toString());
    },
  };
}
