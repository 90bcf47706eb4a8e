import { createHmac, createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../../lib/local/paths';

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** cognito-local signs every token with one bundled key (kid "CognitoLocal"): its JWKS serves the public half. */
export const emulatorKey: KeyObject = createPrivateKey(
  (JSON.parse(readFileSync(join(PROJECT_ROOT, 'node_modules/cognito-local/lib/keys/cognitoLocal.private.json'), 'utf8')) as { pem: string })
    .pem,
);

/** A key of our own, in no JWKS. */
export const strangerKey: KeyObject = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;

export function decodePayload(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** An RS256 JWT with the emulator's kid, signed by `key`. */
export function signJwt(payload: Record<string, unknown>, key: KeyObject = emulatorKey, header: Record<string, unknown> = {}): string {
  const head = base64url({ alg: 'RS256', typ: 'JWT', kid: 'CognitoLocal', ...header });
  const body = base64url(payload);
  return `${head}.${body}.${sign('RSA-SHA256', Buffer.from(`${head}.${body}`), key).toString('base64url')}`;
}

/** `alg: none`: no signature at all. */
export function unsignedJwt(payload: Record<string, unknown>): string {
  return `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(payload)}.`;
}

/**
 * The algorithm-confusion attack: HS256 with the issuer's PUBLIC key (as its JWKS publishes it,
 * PEM) as the HMAC secret. A verifier that trusts the header's alg would accept it.
 */
export function hmacJwtKeyedWithPublicKey(payload: Record<string, unknown>): string {
  const publicPem = createPublicKey(emulatorKey).export({ format: 'pem', type: 'spki' });
  const head = base64url({ alg: 'HS256', typ: 'JWT', kid: 'CognitoLocal' });
  const body = base64url(payload);
  return `${head}.${body}.${createHmac('sha256', publicPem).update(`${head}.${body}`).digest('base64url')}`;
}
