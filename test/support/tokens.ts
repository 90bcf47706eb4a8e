import { createSign, generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll } from 'vitest';
import type { Caller } from '../../functions/core/roles';

/**
 * Optional-auth routes verify bearer tokens themselves: this signs real RS256 access tokens with a
 * key whose JWKS a server of this test file serves, and points TOKEN_ISSUER at it. Call it at the
 * top of a test file, before the handlers first verify a token.
 */
export async function tokenIssuer(): Promise<{ accessToken: (caller: Caller) => string }> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwks = JSON.stringify({ keys: [{ ...publicKey.export({ format: 'jwk' }), kid: 'test-key', alg: 'RS256', use: 'sig' }] });
  const jwksServer = createServer((_request, response) => response.setHeader('content-type', 'application/json').end(jwks));
  await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
  process.env.TOKEN_ISSUER = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/${process.env.USER_POOL_ID}`;
  afterAll(() => void jwksServer.close());

  const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return {
    accessToken(caller) {
      const now = Math.floor(Date.now() / 1000);
      const claims = {
        sub: caller.id,
        iss: process.env.TOKEN_ISSUER,
        token_use: 'access',
        client_id: process.env.USER_POOL_CLIENT_ID,
        'cognito:groups': [caller.role === 'employee' ? 'employees' : 'customers'],
        iat: now,
        exp: now + 600,
      };
      const signed = `${base64url({ alg: 'RS256', kid: 'test-key', typ: 'JWT' })}.${base64url(claims)}`;
      return `${signed}.${createSign('RSA-SHA256').update(signed).sign(privateKey).toString('base64url')}`;
    },
  };
}
