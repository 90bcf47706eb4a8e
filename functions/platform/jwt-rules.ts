import type { JwtHeader, JwtPayload } from 'aws-jwt-verify/jwt-model';

/** The HTTP API's JWT authorizer takes RSA signatures only, whatever else a JWKS might name. */
const RSA_ALGORITHMS = new Set(['RS256', 'RS384', 'RS512']);
/** Clock skew tolerated on `iat`, as for `exp` and `nbf`. */
const SKEW_SECONDS = 60;

/**
 * What API Gateway's JWT authorizer checks beyond signature, issuer, `exp` and `nbf` (which
 * aws-jwt-verify checks): an RSA algorithm, an `iat` that is not in the future, and the audience
 * list matched by `aud` when the token has one, by `client_id` only when it has none.
 */
export function checkLikeApiGateway({ header, payload }: { header: JwtHeader; payload: JwtPayload }, audiences: readonly string[]): void {
  if (!RSA_ALGORITHMS.has(String(header.alg))) throw new Error(`The token is signed with ${String(header.alg)}, not RSA`);
  if (typeof payload.iat !== 'number' || payload.iat > Date.now() / 1000 + SKEW_SECONDS) throw new Error('The token has no valid iat');
  const aud = typeof payload.aud === 'string' ? [payload.aud] : (payload.aud ?? []);
  const matched = aud.length > 0 ? aud : typeof payload.client_id === 'string' ? [payload.client_id] : [];
  if (!matched.some((value) => audiences.includes(value))) throw new Error('The token was not issued to an accepted app client');
}
