import { createHmac, createPublicKey, generateKeyPairSync, sign } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jwtAuthorizer, type Authorizer } from '../../lib/local/gateway/authorizer';
import { signingKey, signJwt, startJwksServer } from './jwt-fixtures';

/** The local authorizer against the rules of API Gateway's JWT authorizer, one rule at a time. */
const CLIENT_ID = 'client-mobile';
const rsa = signingKey('rsa-key');
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const ecJwk = { ...ec.publicKey.export({ format: 'jwk' }), kid: 'ec-key', alg: 'ES256', use: 'sig' };

let jwks: Awaited<ReturnType<typeof startJwksServer>>;
let authorize: Authorizer;

beforeAll(async () => {
  jwks = await startJwksServer('local_rules', [rsa, { kid: 'ec-key', privateKey: ec.privateKey, jwk: ecJwk }]);
  authorize = jwtAuthorizer({ issuer: jwks.issuer, audiences: [CLIENT_ID] });
});
afterAll(() => jwks?.stop());

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);
const claims = (extra: Record<string, unknown> = {}) => ({
  sub: 'user-1',
  iss: jwks.issuer,
  token_use: 'access',
  client_id: CLIENT_ID,
  iat: now() - 10,
  exp: now() + 600,
  ...extra,
});
const without = (name: string) => Object.fromEntries(Object.entries(claims()).filter(([key]) => key !== name));
const accepted = async (token: string) => (await authorize(`Bearer ${token}`)).ok;

describe('the local authorizer checks tokens like API Gateway', () => {
  it('accepts a well-formed access token (client_id) and id token (aud)', async () => {
    expect(await accepted(signJwt(rsa, claims()))).toBe(true);
    expect(await accepted(signJwt(rsa, { ...without('client_id'), token_use: 'id', aud: CLIENT_ID }))).toBe(true);
  });

  it('looks at client_id only when there is no aud: a foreign aud is refused even with our client_id', async () => {
    expect(await accepted(signJwt(rsa, claims({ aud: 'another-client' })))).toBe(false);
  });

  it('refuses a token without iat, or issued in the future', async () => {
    expect(await accepted(signJwt(rsa, without('iat')))).toBe(false);
    expect(await accepted(signJwt(rsa, claims({ iat: now() + 3600 })))).toBe(false);
  });

  it('takes RSA only, even when the JWKS names an EC key', async () => {
    const head = base64url({ alg: 'ES256', typ: 'JWT', kid: 'ec-key' });
    const body = base64url(claims());
    const signature = sign('sha256', Buffer.from(`${head}.${body}`), { key: ec.privateKey, dsaEncoding: 'ieee-p1363' }).toString('base64url');
    expect(await accepted(`${head}.${body}.${signature}`)).toBe(false);
  });

  it('refuses HS256 keyed with the public key (the algorithm-confusion attack)', async () => {
    const publicPem = createPublicKey(rsa.privateKey).export({ format: 'pem', type: 'spki' });
    const head = base64url({ alg: 'HS256', typ: 'JWT', kid: rsa.kid });
    const body = base64url(claims());
    const mac = createHmac('sha256', publicPem).update(`${head}.${body}`).digest('base64url');
    expect(await accepted(`${head}.${body}.${mac}`)).toBe(false);
  });
});
