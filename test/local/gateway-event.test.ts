import { describe, expect, it } from 'vitest';
import type { Route } from '../../functions/routes';
import { buildHttpApiEvent, parseQueryString, toGatewayResponse } from '../../lib/local/gateway/event';
import { routeMatcher } from '../../lib/local/gateway/route-matcher';

const table: Route[] = [
  { method: 'GET', path: '/v1/orders', handler: 'http/orders/list', auth: 'any' },
  { method: 'POST', path: '/v1/orders', handler: 'http/orders/create', auth: 'any' },
  { method: 'GET', path: '/v1/orders/{orderId}', handler: 'http/orders/get', auth: 'any' },
  { method: 'GET', path: '/v1/orders/mine', handler: 'http/orders/mine', auth: 'customer' },
  { method: 'PATCH', path: '/v1/orders/{orderId}/items/{itemId}', handler: 'http/orders/items/update', auth: 'any' },
  { method: 'DELETE', path: '/v1/orders/{orderId}/items/{itemId}', handler: 'http/orders/items/remove', auth: 'any' },
];

describe('route matching', () => {
  const match = routeMatcher(table);

  it('matches templates and decodes path parameters', () => {
    expect(match('PATCH', '/v1/orders/01ABC/items/it%20em')).toEqual({
      kind: 'route',
      route: table[4],
      pathParameters: { orderId: '01ABC', itemId: 'it em' },
    });
    expect(match('GET', '/v1/orders')).toMatchObject({ kind: 'route', route: table[0], pathParameters: {} });
  });

  it('prefers literal segments over parameters, whatever the order of the table', () => {
    expect(match('GET', '/v1/orders/mine')).toMatchObject({ kind: 'route', route: table[3] });
    expect(match('GET', '/v1/orders/other')).toMatchObject({ kind: 'route', route: table[2], pathParameters: { orderId: 'other' } });
  });

  it('answers 404 for unknown paths, empty parameters and trailing slashes', () => {
    expect(match('GET', '/v1/nothing')).toEqual({ kind: 'not_found' });
    expect(match('GET', '/v1/orders//items/x')).toEqual({ kind: 'not_found' });
    expect(match('GET', '/v1/orders/')).toEqual({ kind: 'not_found' });
    expect(match('GET', '/v1/orders/a/items/b/c')).toEqual({ kind: 'not_found' });
  });

  it('answers 405 with the allowed methods for a known path', () => {
    expect(match('PUT', '/v1/orders')).toEqual({ kind: 'method_not_allowed', allow: ['GET', 'POST'] });
    expect(match('GET', '/v1/orders/a/items/b')).toEqual({ kind: 'method_not_allowed', allow: ['DELETE', 'PATCH'] });
  });
});

describe('API Gateway v2 events', () => {
  const now = new Date('2026-11-23T11:49:43.123Z');
  const request = {
    method: 'PATCH',
    url: '/v1/orders/01ABC/items/x%2Fy?state=PENDING&tag=a&tag=b%20c&flag&email=a%2Bb%40c.co',
    rawHeaders: ['Host', '127.0.0.1:3000', 'Content-Type', 'application/json', 'X-Multi', 'one', 'x-multi', 'two', 'Cookie', 'a=1; b=2', 'User-Agent', 'curl/8'],
    body: Buffer.from('{"quantity":2}'),
    sourceIp: '127.0.0.1',
    now,
  };

  it('builds a payload format 2.0 event like an HTTP API', () => {
    const event = buildHttpApiEvent(request, table[4]!, { orderId: '01ABC', itemId: 'x/y' });
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'PATCH /v1/orders/{orderId}/items/{itemId}',
      rawPath: '/v1/orders/01ABC/items/x%2Fy',
      rawQueryString: 'state=PENDING&tag=a&tag=b%20c&flag&email=a%2Bb%40c.co',
      cookies: ['a=1', 'b=2'],
      queryStringParameters: { state: 'PENDING', tag: 'a,b c', flag: '', email: 'a+b@c.co' },
      pathParameters: { orderId: '01ABC', itemId: 'x/y' },
      body: '{"quantity":2}',
      isBase64Encoded: false,
      requestContext: {
        accountId: expect.any(String),
        apiId: 'local',
        domainName: '127.0.0.1',
        http: { method: 'PATCH', path: '/v1/orders/01ABC/items/x%2Fy', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'curl/8' },
        routeKey: 'PATCH /v1/orders/{orderId}/items/{itemId}',
        stage: '$default',
        time: '23/Nov/2026:11:49:43 +0000',
        timeEpoch: now.getTime(),
      },
    });
    expect(event.headers).toMatchObject({ host: '127.0.0.1:3000', 'content-type': 'application/json', 'x-multi': 'one,two' });
    expect(event.headers).not.toHaveProperty('cookie');
    expect(event.requestContext.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(event.requestContext.authorizer).toBeUndefined();
  });

  it('leaves out what the request does not have, and base64-encodes binary bodies', () => {
    const bare = buildHttpApiEvent({ ...request, url: '/v1/orders', rawHeaders: ['Host', 'localhost'], body: Buffer.alloc(0) }, table[0]!, {});
    expect(bare.rawQueryString).toBe('');
    for (const absent of ['queryStringParameters', 'pathParameters', 'body', 'cookies'] as const) expect(bare).not.toHaveProperty(absent);
    expect(bare.isBase64Encoded).toBe(false);

    const binary = buildHttpApiEvent(
      { ...request, rawHeaders: ['Content-Type', 'image/png'], body: Buffer.from([0x89, 0x50, 0x00, 0xff]) },
      table[4]!,
      {},
    );
    expect(binary).toMatchObject({ isBase64Encoded: true, body: Buffer.from([0x89, 0x50, 0x00, 0xff]).toString('base64') });
  });

  it('carries the authorizer context when there is one', () => {
    const authorizer = { jwt: { claims: { sub: 'u1', 'cognito:groups': '[customers]' }, scopes: null } };
    expect(buildHttpApiEvent(request, table[4]!, {}, authorizer).requestContext.authorizer).toEqual(authorizer);
  });

  it('joins repeated query parameters with commas', () => {
    expect(parseQueryString('a=1&a=2&b=%E2%82%AC&bad=%E0%A4%A')).toEqual({ a: '1,2', b: '€', bad: '%E0%A4%A' });
    expect(parseQueryString('')).toBeUndefined();
  });

  it('turns structured results and bare values into HTTP responses', () => {
    const structured = toGatewayResponse(
      { statusCode: 201, headers: { ETag: '"1"', 'Content-Type': 'application/json' }, body: '{"id":"x"}', cookies: ['s=1; Path=/'] },
      'req-1',
    );
    expect(structured).toMatchObject({ statusCode: 201, headers: { etag: '"1"', 'content-type': 'application/json' }, cookies: ['s=1; Path=/'] });
    expect(structured.body.toString()).toBe('{"id":"x"}');

    const encoded = toGatewayResponse({ statusCode: 200, body: Buffer.from('hi').toString('base64'), isBase64Encoded: true }, 'r');
    expect(encoded.body.toString()).toBe('hi');

    const bare = toGatewayResponse({ hello: 'world' }, 'r');
    expect(bare).toMatchObject({ statusCode: 200, headers: { 'content-type': 'application/json' } });
    expect(JSON.parse(bare.body.toString())).toEqual({ hello: 'world' });

    expect(toGatewayResponse({ statusCode: 204 }, 'r').body).toHaveLength(0);
  });
});
