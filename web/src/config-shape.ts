/**
 * The console's runtime configuration, `/console/config.json`: written by the local stack and by
 * the CDK stack, read by the web app at start. One build serves every stage; only this differs.
 */
export interface ConsoleConfig {
  /** The API's origin (paths start with /v1), without a trailing slash. */
  apiUrl: string;
  /** The employee web client (authorization code + PKCE). */
  clientId: string;
  /** The token issuer: the user pool's URL. */
  issuer: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  /** The hosted login's sign-out page; null where there is none (the local emulator). */
  logoutEndpoint: string | null;
}

/** The console is served under this path, locally and behind CloudFront. */
export const CONSOLE_BASE_PATH = '/console/';
export const CALLBACK_PATH = `${CONSOLE_BASE_PATH}callback`;
/** Where the hosted login sends a signed-out employee (the web client's logout URL). */
export const SIGNED_OUT_PATH = `${CONSOLE_BASE_PATH}signed-out`;

const isUrl = (value: unknown): value is string => {
  if (typeof value !== 'string') return false;
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
};

/** The parsed config, or a sentence saying which field is wrong. */
export function parseConsoleConfig(value: unknown): ConsoleConfig | string {
  if (typeof value !== 'object' || value === null) return 'config.json is not a JSON object';
  const config = value as Record<string, unknown>;
  for (const field of ['apiUrl', 'issuer', 'authorizationEndpoint', 'tokenEndpoint'] as const) {
    if (!isUrl(config[field])) return `config.json: ${field} must be an http(s) URL`;
  }
  if (typeof config.clientId !== 'string' || config.clientId === '') return 'config.json: clientId is missing';
  if (config.logoutEndpoint !== null && !isUrl(config.logoutEndpoint)) return 'config.json: logoutEndpoint must be a URL or null';
  return {
    apiUrl: (config.apiUrl as string).replace(/\/+$/, ''),
    clientId: config.clientId,
    issuer: config.issuer as string,
    authorizationEndpoint: config.authorizationEndpoint as string,
    tokenEndpoint: config.tokenEndpoint as string,
    logoutEndpoint: config.logoutEndpoint as string | null,
  };
}
