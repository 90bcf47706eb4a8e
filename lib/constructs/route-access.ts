import { tableAccessOf, type RouteDeclaration } from '../../functions/route-declaration';

/** What a route's function may touch, derived from its declaration's `data` and `idempotent`. */
export interface RouteAccess {
  readonly table: 'none' | 'read' | 'read-write';
  /** Powertools' idempotency table: only for the POSTs the contract makes idempotent. */
  readonly idempotency: boolean;
  /** Cognito administrator actions on the user pool (the public Cognito APIs need no IAM). */
  readonly cognitoActions: readonly string[];
  /** The key that signs list cursors (and fingerprints secrets: keyedDigest). */
  readonly cursorSecret: boolean;
  readonly africasTalkingSecret: boolean;
  readonly hostedLogin: boolean;
}

export function accessFor(route: RouteDeclaration): RouteAccess {
  const table = tableAccessOf(route);
  return {
    table,
    idempotency: route.idempotent ?? false,
    cognitoActions: (route.data.cognito ?? []).filter((call) => call.startsWith('Admin')).map((call) => `cognito-idp:${call}`),
    // Any GET that reads may be a list; the key lets it sign and check cursors, nothing more.
    cursorSecret: (route.method === 'GET' && table !== 'none') || (route.data.signingKey ?? false),
    africasTalkingSecret: route.data.africasTalkingSecret ?? false,
    hostedLogin: route.data.hostedLogin ?? false,
  };
}
