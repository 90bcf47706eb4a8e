import type { Route } from '../../functions/routes';

/**
 * What a route's function may touch: THE one place that turns a route into grants. The rule comes
 * from the method (a GET reads, anything else writes); the few routes that need more, or less,
 * are listed by name below.
 */
export interface RouteAccess {
  readonly table: 'none' | 'read' | 'read-write';
  /** Powertools' idempotency table: only for the POSTs the contract makes idempotent. */
  readonly idempotency: boolean;
  /** Cognito administrator actions on the user pool. */
  readonly cognitoActions: readonly string[];
  /** The key that signs list cursors (and fingerprints secrets: keyedDigest). */
  readonly cursorSecret: boolean;
  /** The Africa's Talking secret (read for its delivery-report `callbackSecret`). */
  readonly africasTalkingSecret: boolean;
  /** HOSTED_LOGIN_URL and HOSTED_LOGIN_CLIENT_ID: the docs pages offer the hosted login. */
  readonly hostedLogin: boolean;
}

export const routeKey = (route: Pick<Route, 'method' | 'path'>) => `${route.method} ${route.path}`;

/**
 * Exceptions, keyed `METHOD /path`. A key may name a route that is not in functions/routes.ts yet:
 * it applies from the day the route is added.
 */
export const accessExceptions: Readonly<Record<string, Partial<RouteAccess>>> = {
  'GET /v1/health': { table: 'none', cursorSecret: false },
  // The API creates the user itself (no self sign-up: Cognito mails nothing), sets its password and
  // group, reads a user an earlier attempt left unfinished and deletes the one a failed attempt
  // created. IAM cannot narrow these to customers; the code touches only the email it claimed.
  // The signing key also fingerprints the password in the idempotency record (keyedDigest).
  'POST /v1/auth/register': {
    idempotency: true,
    cursorSecret: true,
    cognitoActions: [
      'cognito-idp:AdminCreateUser',
      'cognito-idp:AdminSetUserPassword',
      'cognito-idp:AdminAddUserToGroup',
      'cognito-idp:AdminGetUser',
      'cognito-idp:AdminDeleteUser',
    ],
  },
  // InitiateAuth (password and refresh) is a public Cognito API: these touch nothing of ours.
  'POST /v1/auth/token': { table: 'none' },
  'POST /v1/auth/refresh': { table: 'none' },
  'POST /v1/orders': { idempotency: true },
  // Africa's Talking's delivery-report callback checks the shared token kept in that secret.
  'POST /v1/sms/delivery-reports': { africasTalkingSecret: true },
  // Documentation pages serve static content; the pages and the document name the hosted login.
  'GET /v1/openapi.json': { table: 'none', cursorSecret: false, hostedLogin: true },
  'GET /docs': { table: 'none', cursorSecret: false, hostedLogin: true },
  'GET /redoc': { table: 'none', cursorSecret: false, hostedLogin: true },
  'GET /docs/assets/{file}': { table: 'none', cursorSecret: false },
};

export function accessFor(route: Pick<Route, 'method' | 'path'>): RouteAccess {
  const reads = route.method === 'GET';
  return {
    table: reads ? 'read' : 'read-write',
    idempotency: false,
    cognitoActions: [],
    // Any GET may be a list; the key lets it sign and check cursors, nothing more.
    cursorSecret: reads,
    africasTalkingSecret: false,
    hostedLogin: false,
    ...accessExceptions[routeKey(route)],
  };
}
