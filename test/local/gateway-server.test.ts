import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Route } from '../../functions/routes';
import type { HandlerLoader, LambdaHandler } from '../../lib/local/function-modules';
import { MissingHandlerError } from '../../lib/local/function-modules';
import { jwtAuthorizer } from '../../lib/local/gateway/authorizer';
import type { HttpApiEvent } from '../../lib/local/gateway/event';
import { startGateway, type RunningGateway } from '../../lib/local/gateway/server';
import { signingKey, signJwt, startJwksServer } from './jwt-fixtures';

const CLIENT_ID = 'client-mobile';
const POOL_ID = 'local_pool1';

const routes: Route[] = [
  { method: 'GET', path: '/v1/health', handler: 'health', auth: 'public' },
  { method: 'GET', path: '/v1/me', handler: 'echo', auth: 'any' },
  { method: 'POST', path: '/v1/things/{thingId}', handler: 'echo', auth: 'public' },
  { method: 'GET', path: '/v1/items', handler: 'echo', auth: 'optional' },
  { method: 'GET', path: '/v1/boom', handler: 'boom', auth: 'public' },
  { method: 'GET', path: '/v1/missing', handler: 'missing', auth: 'public' },
  { method: 'GET', path: '/v1/bare', handler: 'bare', auth: 'public' },
];

/** Test "functions": the gateway loads them by module path, as it loads functions/<path>.ts. */
const received: { event: HttpApiEvent; remaining: number; functionName: string }[] = [];
const handlers: Record<string, LambdaHandler> = {
  health: async () => ({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: '{"status":"ok"}' }),
  echo: async (event: HttpApiEvent, context: { getRemainingTimeInMillis: () => number; functionName: string }) => {
    received.push({ event, remaining: context.getRemainingTimeInMillis(), functionName: context.functionName });
    return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ bodyLength: event.body?.length ?? 0 }), cookies: ['seen=1; Path=/', 'again=2'] };
  },
  boom: async () => {
    throw new Error('kaboom: internal detail');
  },
  bare: async () => ({ answer: 42 }),
};
const loadHandler: HandlerLoader = async (modulePath) => {
  const handler = handlers[modulePath];
  if (!handler) throw new MissingHandlerError(modulePath);
  return handler;
};

const key = signingKey('key-1');
const strangerKey = signingKey('key-1');
const now = () => Math.floor(Date.now() / 1000);
let gateway: RunningGateway;
let jwks: Awaited<ReturnType<typeof startJwksServer>>;
let otherPool: Awaited<ReturnType<typeof startJwksServer>>;
const logged: string[] = [];

const accessClaims = (overrides: Record<string, unknown> = {}) => ({
  sub: 'user-1',
  token_use: 'access',
  client_id: CLIENT_ID,
  scope: 'aws.cognito.signin.user.admin',
  'cognito:groups': ['customers', 'employees'],
  iss: jwks.issuer,
  iat: now(),
  exp: now() + 3600,
  ...overrides,
});

/** An id token: `aud` is the app client, and there is no `client_id`. */
const idClaims = (overrides: Record<string, unknown> = {}) => {
  const claims: Record<string, unknown> = accessClaims({ token_use: 'id', email: 'a@b.co', aud: CLIENT_ID, ...overrides });
  delete claims.client_id;
  return claims;
};

beforeAll(async () => {
  jwks = await startJwksServer(POOL_ID, [key]);
  otherPool = await startJwksServer('local_other', [key]);
  gateway = await startGateway({
    port: 0,
    region: 'us-east-1',
    routes,
    loadHandler,
    authorizer: jwtAuthorizer({ issuer: jwks.issuer, audiences: [CLIENT_ID] }),
    log: (message) => logged.push(message),
  });
});

afterAll(async () => {
  await gateway?.stop();
  await jwks?.stop();
  await otherPool?.stop();
});

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${gateway.url}${path}`, { headers });
const withToken = (token: string) => get('/v1/me', { authorization: `Bearer ${token}` });

async function expectUnauthorized(response: Response) {
  expect(response.status).toBe(401);
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  expect(await response.json()).toMatchObject({ status: 401, code: 'unauthorized', title: 'Unauthorized', type: expect.any(String), detail: expect.any(String) });
}

describe('the gateway as the Cognito JWT authorizer', () => {
  it('refuses a missing token without invoking the function', async () => {
    const before = received.length;
    await expectUnauthorized(await get('/v1/me'));
    await expectUnauthorized(await get('/v1/me', { authorization: 'Bearer' }));
    await expectUnauthorized(await get('/v1/me', { authorization: 'Basic dXNlcjpwYXNz' }));
    expect(received).toHaveLength(before);
  });

  it('passes a valid access token\'s claims on, with groups as the authorizer renders them', async () => {
    const response = await withToken(signJwt(key, accessClaims()));
    expect(response.status).toBe(200);
    const { event, remaining, functionName } = received.at(-1)!;
    expect(event.routeKey).toBe('GET /v1/me');
    expect(event.requestContext.authorizer).toEqual({
      jwt: {
        claims: expect.objectContaining({
          sub: 'user-1',
          token_use: 'access',
          client_id: CLIENT_ID,
          'cognito:groups': '[customers employees]',
          iss: jwks.issuer,
          exp: expect.stringMatching(/^\d+$/),
        }),
        scopes: null,
      },
    });
    expect(remaining).toBeGreaterThan(20_000);
    expect(functionName).toBe('orders-echo');
  });

  it('accepts an id token for the app client, like the HTTP API authorizer (the functions refuse it)', async () => {
    expect((await withToken(signJwt(key, idClaims()))).status).toBe(200);
    expect(received.at(-1)!.event.requestContext.authorizer?.jwt.claims).toMatchObject({ token_use: 'id', aud: CLIENT_ID });
  });

  it('refuses tampered, expired, not-yet-valid and unsigned tokens', async () => {
    const [head, , signature] = signJwt(key, accessClaims()).split('.');
    const forged = Buffer.from(JSON.stringify(accessClaims({ sub: 'someone-else' }))).toString('base64url');
    await expectUnauthorized(await withToken(`${head}.${forged}.${signature}`));
    await expectUnauthorized(await withToken(signJwt(key, accessClaims({ iat: now() - 7200, exp: now() - 60 }))));
    await expectUnauthorized(await withToken(signJwt(key, accessClaims({ nbf: now() + 600 }))));
    const unsigned = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify(accessClaims())).toString('base64url')}.`;
    await expectUnauthorized(await withToken(unsigned));
  });

  it('refuses foreign tokens: another pool, another signer, another app client', async () => {
    await expectUnauthorized(await withToken(signJwt(key, accessClaims({ iss: otherPool.issuer }))));
    await expectUnauthorized(await withToken(signJwt(strangerKey, accessClaims())));
    await expectUnauthorized(await withToken(signJwt(key, accessClaims({ client_id: 'someone-elses-client' }))));
    await expectUnauthorized(await withToken(signJwt(key, idClaims({ aud: 'someone-elses-client' }))));
  });

  it('does not look at tokens on public and optional routes: the header reaches the function', async () => {
    const response = await get('/v1/items?limit=5', { authorization: 'Bearer not-a-token' });
    expect(response.status).toBe(200);
    const { event } = received.at(-1)!;
    expect(event.requestContext.authorizer).toBeUndefined();
    expect(event.headers.authorization).toBe('Bearer not-a-token');
    expect(event.queryStringParameters).toEqual({ limit: '5' });
  });
});

describe('the gateway', () => {
  it('answers unknown paths with 404 and known paths with another method with 405 and Allow', async () => {
    const missing = await get('/v1/nowhere');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toBe('application/problem+json');
    expect(await missing.json()).toMatchObject({ status: 404, code: 'not_found' });

    const wrongMethod = await fetch(`${gateway.url}/v1/health`, { method: 'DELETE' });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('GET');
    expect(await wrongMethod.json()).toMatchObject({ status: 405, code: 'method_not_allowed' });
  });

  it('passes bodies over 64 KiB to the function, and refuses bodies over 1 MiB itself', async () => {
    const big = await fetch(`${gateway.url}/v1/things/t1`, { method: 'POST', body: 'x'.repeat(100 * 1024), headers: { 'content-type': 'text/plain' } });
    expect(big.status).toBe(200);
    expect(await big.json()).toEqual({ bodyLength: 100 * 1024 });
    expect(received.at(-1)!.event.pathParameters).toEqual({ thingId: 't1' });

    const huge = await fetch(`${gateway.url}/v1/things/t1`, { method: 'POST', body: 'x'.repeat(1024 * 1024 + 1) });
    expect(huge.status).toBe(413);
    expect(await huge.json()).toMatchObject({ status: 413, code: 'payload_too_large' });
  });

  it('turns a throwing or missing function into an opaque, logged 500', async () => {
    for (const path of ['/v1/boom', '/v1/missing']) {
      const response = await get(path);
      expect(response.status).toBe(500);
      const text = await response.text();
      expect(text).not.toContain('kaboom');
      expect(JSON.parse(text)).toMatchObject({ status: 500, code: 'internal_error' });
    }
    expect(logged.some((line) => line.includes('functions/boom.ts failed'))).toBe(true);
    expect(logged.some((line) => line.includes('functions/missing.ts failed'))).toBe(true);
  });

  it('writes structured results with their cookies, and bare results as JSON', async () => {
    const response = await fetch(`${gateway.url}/v1/things/t2`, { method: 'POST', body: '{}' });
    expect(response.headers.getSetCookie()).toEqual(['seen=1; Path=/', 'again=2']);
    expect(response.headers.get('apigw-requestid')).toBe(received.at(-1)!.event.requestContext.requestId);
    const bare = await get('/v1/bare');
    expect(bare.status).toBe(200);
    expect(await bare.json()).toEqual({ answer: 42 });
  });
});

describe('the request log', () => {
  it('names query parameters but never logs their values (the SMS callback token)', async () => {
    const lines: string[] = [];
    const logging = await startGateway({
      port: 0,
      region: 'us-east-1',
      routes,
      loadHandler,
      authorizer: jwtAuthorizer({ issuer: jwks.issuer, audiences: [CLIENT_ID] }),
      logRequests: true,
      log: (message) => lines.push(message),
    });
    try {
      await fetch(`${logging.url}/v1/bare?token=s3cret-callback&limit=5`);
      expect(lines.join('\n')).not.toContain('s3cret-callback');
      expect(lines.some((line) => line.startsWith('GET /v1/bare?token=…&limit=… 200'))).toBe(true);
    } finally {
      await logging.stop();
    }
  });
});
