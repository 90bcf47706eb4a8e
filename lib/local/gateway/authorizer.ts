import { JwtVerifier } from 'aws-jwt-verify';
import type { Fetcher } from 'aws-jwt-verify/https';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import type { JwtPayload } from 'aws-jwt-verify/jwt-model';
import { checkLikeApiGateway } from '../../../functions/platform/jwt-rules';
import type { JwtAuthorizerContext } from './event';

export interface JwtAuthorizerOptions {
  /** The token issuer: cognito-local's `http://localhost:<port>/<poolId>`, Cognito's URL in AWS. */
  issuer: string;
  /** The app client ids the API accepts (the authorizer's audience list). */
  audiences: string[];
  /** Defaults to `${issuer}/.well-known/jwks.json`. */
  jwksUri?: string;
}

export type AuthorizerResult = { ok: true; context: JwtAuthorizerContext } | { ok: false; detail: string };

export type Authorizer = (authorization: string | undefined) => Promise<AuthorizerResult>;

/** aws-jwt-verify's own fetcher refuses plain http, which the Cognito emulator serves. */
const httpFetcher: Fetcher = {
  async fetch(uri) {
    const response = await fetch(uri, { signal: AbortSignal.timeout(3000) });
    if (!response.ok) throw new Error(`JWKS fetch failed: ${response.status}`);
    return response.arrayBuffer();
  },
};

/**
 * Claims as the HTTP API passes them to the integration: every value a string, arrays rendered
 * as `[a b]` (so `cognito:groups` arrives as "[customers employees]").
 */
export function renderClaims(payload: JwtPayload): Record<string, string> {
  const claims: Record<string, string> = {};
  for (const [name, value] of Object.entries(payload)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) claims[name] = `[${value.map(String).join(' ')}]`;
    else if (typeof value === 'object' && value !== null) claims[name] = JSON.stringify(value);
    else claims[name] = String(value);
  }
  return claims;
}

/** The JWT authorizer takes the token with or without a `Bearer ` prefix. */
function tokenFrom(authorization: string): string | undefined {
  const match = /^(?:Bearer\s+)?(\S+)\s*$/i.exec(authorization.trim());
  return match?.[1];
}

/**
 * The HTTP API's JWT (Cognito) authorizer: an RSA signature by the issuer's JWKS, issuer, expiry,
 * not-before and issued-at, and `aud` (id tokens) or, without one, `client_id` (access tokens) in
 * the audience list. Like AWS it does not look at token_use: the functions refuse id tokens.
 */
export function jwtAuthorizer(options: JwtAuthorizerOptions): Authorizer {
  const verifier = JwtVerifier.create(
    {
      issuer: options.issuer,
      audience: null,
      jwksUri: options.jwksUri ?? `${options.issuer}/.well-known/jwks.json`,
      customJwtCheck: (token) => checkLikeApiGateway(token, options.audiences),
    },
    { jwksCache: new SimpleJwksCache({ fetcher: httpFetcher }) },
  );
  return async (authorization) => {
    if (authorization === undefined || authorization.trim() === '') return { ok: false, detail: 'An access token is required.' };
    const token = tokenFrom(authorization);
    if (!token) return { ok: false, detail: 'The Authorization header must be "Bearer <access token>".' };
    try {
      const payload = await verifier.verify(token);
      return { ok: true, context: { jwt: { claims: renderClaims(payload), scopes: null } } };
    } catch {
      return { ok: false, detail: 'The access token is missing, expired, tampered with or not issued for this API.' };
    }
  };
}
