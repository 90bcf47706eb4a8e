import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { closeServer, listen } from '../../lib/local/http-server';

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  jwk: Record<string, unknown>;
}

export function signingKey(kid: string): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { kid, privateKey, jwk: { ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' } };
}

/** An RS256 JWT, the way Cognito signs access and id tokens. */
export function signJwt(key: SigningKey, payload: Record<string, unknown>, header: Record<string, unknown> = {}): string {
  const head = base64url({ alg: 'RS256', typ: 'JWT', kid: key.kid, ...header });
  const body = base64url(payload);
  const signature = sign('RSA-SHA256', Buffer.from(`${head}.${body}`), key.privateKey).toString('base64url');
  return `${head}.${body}.${signature}`;
}

/** Serves `${issuer}/.well-known/jwks.json` for one pool, like Cognito (and cognito-local) do. */
export async function startJwksServer(poolId: string, keys: SigningKey[]): Promise<{ issuer: string; stop: () => Promise<void> }> {
  const server: Server = createServer((request, response) => {
    if (request.url === `/${poolId}/.well-known/jwks.json`) {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ keys: keys.map((key) => key.jwk) }));
    } else {
      response.writeHead(404).end();
    }
  });
  const port = await listen(server, 0, '127.0.0.1');
  return { issuer: `http://127.0.0.1:${port}/${poolId}`, stop: () => closeServer(server) };
}
