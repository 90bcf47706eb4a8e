import { JwtVerifier } from 'aws-jwt-verify';
import { validateCognitoJwtFields } from 'aws-jwt-verify/cognito-verifier';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import type { Fetcher } from 'aws-jwt-verify/https';
import type { JwtPayload } from 'aws-jwt-verify/jwt-model';
import { config } from './config';
import { checkLikeApiGateway } from './jwt-rules';

/** aws-jwt-verify's own fetcher refuses plain http, which the Cognito emulator serves. */
const fetchJson: Fetcher = {
  async fetch(uri) {
    const response = await fetch(uri, { signal: AbortSignal.timeout(3000) });
    if (!response.ok) throw new Error(`JWKS fetch failed: ${response.status}`);
    return response.arrayBuffer();
  },
};

let verifier: ReturnType<typeof createVerifier> | undefined;

function createVerifier() {
  const issuer = config.tokenIssuer;
  return JwtVerifier.create(
    {
      issuer,
      audience: null,
      jwksUri: `${issuer}/.well-known/jwks.json`,
      // An id token must never stand in for an access token, and only our own app clients count.
      customJwtCheck: (token) => {
        checkLikeApiGateway(token, config.acceptedClientIds);
        validateCognitoJwtFields(token.payload, { tokenUse: 'access', clientId: config.acceptedClientIds });
      },
    },
    { jwksCache: new SimpleJwksCache({ fetcher: fetchJson }) },
  );
}

/** Verifies a Cognito access token the way the HTTP API's Cognito authorizer does; throws when invalid. */
export async function verifyAccessToken(token: string): Promise<JwtPayload> {
  verifier ??= createVerifier();
  return verifier.verify(token);
}

export function bearerToken(authorization: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  return match?.[1];
}
