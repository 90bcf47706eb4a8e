import fc from 'fast-check';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCents, toCents } from '../../functions/core/money';
import { orderTotalCents, type OrderLine } from '../../functions/core/orders';
import { routes, type Route } from '../../functions/routes';
import { freePort } from '../../lib/local/ports';
import { httpEvent, lambdaContext, type EventOptions } from '../fixtures/events';

/**
 * Arbitrary input at every route of functions/routes.ts, its handler invoked directly (no network
 * but DynamoDB Local): whatever the body, query, headers, path parameters or cursor, and whoever
 * calls, the answer is never a 5xx and every 4xx is problem+json with a string code and detail.
 */
const RUNS_PER_ROUTE_AND_CALLER = 25;

// Cognito and its JWKS are deliberately unreachable: nothing arbitrary may get that far.
const deadPort = await freePort();
process.env.COGNITO_ENDPOINT = `http://127.0.0.1:${deadPort}`;
process.env.TOKEN_ISSUER = `http://127.0.0.1:${deadPort}/local_testpool`;

type Handler = (event: APIGatewayProxyEventV2WithJWTAuthorizer, context: Context) => Promise<unknown>;
const DOCS_ROUTES = new Set(['GET /v1/openapi.json', 'GET /docs', 'GET /redoc', 'GET /docs/assets/{file}']);
const CUSTOMER_ID = 'bad-input-customer';
/**
 * Routes that take no input at all, so that every call is a valid one and reaches Cognito, here
 * unreachable: 503 service_unavailable is their right answer (sign-out reads no body). DELETE
 * /v1/me runs as a customer of its own (it closes its caller's account: the fixture customer must
 * keep theirs).
 */
const NO_INPUT_ROUTES = new Set(['DELETE /v1/me', 'POST /v1/auth/sign-out']);
const DELETING_CUSTOMER = { id: 'bad-input-deleting-customer', role: 'customer' } as const;
const callers = {
  anonymous: undefined,
  customer: { id: CUSTOMER_ID, role: 'customer' },
  employee: { id: 'bad-input-employee', role: 'employee' },
} as const;

/** Ids that exist, so that arbitrary bodies also reach validation behind the lookups. */
const realIds: string[] = [];
const handlers = new Map<string, Handler>();
const tally: Record<string, number> = {};
afterAll(() => {
  if (process.env.BAD_INPUT_TALLY) console.log(JSON.stringify(tally, null, 1));
});

beforeAll(async () => {
  for (const route of routes) {
    const module = (await import(`../../functions/${route.handler}`)) as { handler: Handler };
    handlers.set(`${route.method} ${route.path}`, module.handler);
  }
  const { aCustomer, aDrink } = await import('../fixtures/shop');
  const { handler: createOrder } = await import('../../functions/http/orders/create');
  const { handler: addItem } = await import('../../functions/http/orders/add-item');
  const { invoke } = await import('../fixtures/events');
  const caller = await aCustomer(CUSTOMER_ID);
  const drink = await aDrink({ onHand: 50 });
  const order = await invoke(createOrder, 'POST /v1/orders', { caller, body: {} });
  await invoke(addItem, 'POST /v1/orders/{orderId}/items', { caller, pathParameters: { orderId: order.body.id }, body: { itemId: drink.id, quantity: 1 } });
  realIds.push(CUSTOMER_ID, drink.id, order.body.id, 'employee-1');
}, 60_000);

const FIELDS = [
  'email', 'password', 'name', 'phoneNumber', 'address', 'refreshToken', 'customerId', 'comments', 'itemId', 'quantity',
  'unitPrice', 'type', 'price', 'caffeinated', 'flavored', 'onHand', 'warnLimit', 'delta', 'reason', 'ids', 'all', 'state',
  'id', 'status', 'code', 'version',
];
const QUERY_KEYS = ['limit', 'cursor', 'state', 'type', 'customerId', 'code', 'token', 'unknown'];

const hugeString = fc.integer({ min: 60_000, max: 70_000 }).map((length) => 'x'.repeat(length));
const nested = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, fc.jsonValue({ maxDepth: 1 }), fc.dictionary(fc.string(), tie('node'), { maxKeys: 3 }), fc.array(tie('node'), { maxLength: 3 })),
})).node;
/** Bodies: any JSON, known field names with arbitrary values, raw strings (not JSON), huge strings, deep nesting. */
const body = fc.oneof(
  fc.constant(undefined),
  fc.jsonValue(),
  fc.dictionary(fc.constantFrom(...FIELDS), fc.oneof(fc.jsonValue(), fc.integer(), fc.double(), fc.string(), fc.constantFrom(...['1.00', '0', '-1', '999.99', '1000.00', '+2547000000', ' '])), { maxKeys: 5 }),
  fc.string().map((text) => ({ raw: text })),
  hugeString.map((text) => ({ raw: `{"comments":"${text}"}` })),
  nested,
);
/** Cursors: any string, base64url of any JSON, and almost-valid looking ones. */
const cursor = fc.oneof(
  fc.string(),
  fc.jsonValue().map((value) => Buffer.from(JSON.stringify(value)).toString('base64url')),
  fc.tuple(fc.jsonValue(), fc.string()).map(([value, sig]) => `${Buffer.from(JSON.stringify(value)).toString('base64url')}.${sig}`),
  fc.base64String(),
);
const query = fc.oneof(
  fc.constant(undefined),
  fc.dictionary(fc.constantFrom(...QUERY_KEYS), fc.string(), { maxKeys: 4 }),
  fc.record({ cursor, limit: fc.oneof(fc.string(), fc.integer().map(String)) }, { requiredKeys: ['cursor'] }),
);
/**
 * fast-check's default size keeps strings at about 10 characters whatever maxLength says:
 * `size: 'max'` makes them range over all of it.
 */
const upTo = (maxLength: number) => fc.string({ unit: 'grapheme', minLength: 1, maxLength, size: 'max' });
const headerValue = fc.oneof(fc.string(), upTo(300), fc.integer().map(String), fc.constantFrom('*', '"1"', 'W/"2"', '""', 'Bearer ', 'Bearer x.y.z'));
const headers = fc.dictionary(fc.constantFrom('if-match', 'idempotency-key', 'content-type', 'authorization', 'x-anything'), headerValue, { maxKeys: 3 });
/** Built once the real ids exist: arbitrary strings, path tricks, and ids that exist (of the wrong kind too). */
const pathValue = () =>
  fc.oneof(
    fc.string({ minLength: 1 }),
    upTo(2000),
    // Past DynamoDB's key size (1 KiB sort key, 2 KiB partition key).
    fc.integer({ min: 1025, max: 3000 }).map((length) => 'x'.repeat(length)),
    fc.constantFrom('../..', '%00', ' ', '{orderId}', 'swagger-ui.css'),
    fc.constantFrom(...realIds),
  );

function pathParams(route: Route) {
  const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
  return fc.tuple(...names.map(() => pathValue())).map((values) => Object.fromEntries(names.map((name, index) => [name, values[index]])));
}

async function call(handler: Handler, route: Route, options: EventOptions & { rawBody?: string }) {
  const event = httpEvent(`${route.method} ${route.path}`, options);
  if (options.rawBody !== undefined) event.body = options.rawBody;
  return (await handler(event, lambdaContext())) as { statusCode: number; headers?: Record<string, string>; body?: string };
}

describe('bad input at every route: never a 5xx, every 4xx problem+json with a code', () => {
  const cases = routes.flatMap((route) => Object.entries(callers).map(([who, caller]) => [`${route.method} ${route.path}`, who, route, caller] as const));

  it.each(cases)('%s as %s', async (key, who, route, someone) => {
    const handler = handlers.get(key)!;
    const noInput = NO_INPUT_ROUTES.has(key);
    const caller = noInput && who === 'customer' ? DELETING_CUSTOMER : someone;
    await fc.assert(
      fc.asyncProperty(body, query, headers, pathParams(route), async (generated, queryParameters, headerValues, pathParameters) => {
        const raw = generated && typeof generated === 'object' && 'raw' in generated && Object.keys(generated).length === 1 ? String(generated.raw) : undefined;
        const result = await call(handler, route, {
          caller: caller as EventOptions['caller'],
          pathParameters: Object.keys(pathParameters).length ? pathParameters : undefined,
          query: queryParameters,
          headers: headerValues,
          body: raw === undefined ? generated : undefined,
          rawBody: raw,
        });
        const context = `${key} → ${result.statusCode} ${result.body?.slice(0, 300)}`;
        if (process.env.BAD_INPUT_TALLY) tally[`${key} ${result.statusCode}`] = (tally[`${key} ${result.statusCode}`] ?? 0) + 1;
        if (noInput && result.statusCode === 503) expect(JSON.parse(result.body ?? '').code, context).toBe('service_unavailable');
        else expect(result.statusCode, context).toBeLessThan(500);
        if (DOCS_ROUTES.has(key) && result.statusCode < 400) return;
        if (result.statusCode >= 400) {
          expect(result.headers?.['content-type'], context).toBe('application/problem+json');
          const problem = JSON.parse(result.body ?? '') as Record<string, unknown>;
          expect(typeof problem.code, context).toBe('string');
          expect(typeof problem.detail, context).toBe('string');
          expect(problem.status, context).toBe(result.statusCode);
          expect(JSON.stringify(problem), context).not.toMatch(/\n\s+at |node_modules|Error:/);
        } else if (result.body) {
          expect(() => JSON.parse(result.body!), context).not.toThrow();
        }
      }),
      { numRuns: RUNS_PER_ROUTE_AND_CALLER },
    );
  }, 60_000);
});

describe('the generators make the sizes they claim', () => {
  const lengths = (values: string[]) => values.map((value) => [...value].length);

  it('path values reach 2,000 graphemes and past the DynamoDB key size', () => {
    const sizes = lengths(fc.sample(pathValue(), { numRuns: 300, seed: 15 }));
    expect(Math.max(...sizes)).toBeGreaterThan(1024);
    expect(sizes.filter((size) => size > 500).length).toBeGreaterThan(30);
  });

  it('header values reach 300 graphemes', () => {
    const sizes = lengths(fc.sample(headerValue, { numRuns: 300, seed: 15 }));
    expect(Math.max(...sizes)).toBeGreaterThan(200);
  });
});

describe('money is exact integer arithmetic', () => {
  it('an order total is the exact sum of quantity × unit price for any 1..50 lines', () => {
    const line = fc.record({ quantity: fc.integer({ min: 1, max: 1000 }), unitPriceCents: fc.integer({ min: 0, max: 99_999 }) });
    fc.assert(
      fc.property(fc.array(line, { minLength: 0, maxLength: 50 }), (lines) => {
        const total = orderTotalCents(lines.map((l, index) => ({ itemId: `i${index}`, name: 'n', ...l }) as OrderLine));
        let expected = 0n;
        for (const l of lines) expected += BigInt(l.quantity) * BigInt(l.unitPriceCents);
        expect(BigInt(total)).toBe(expected);
        expect(Number.isSafeInteger(total)).toBe(true);
        expect(toCents(formatCents(total))).toBe(total);
      }),
      { numRuns: 500 },
    );
  });

  it('prices round-trip: formatCents and toCents are inverse for 0..99999 cents', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999 }), (cents) => {
        const text = formatCents(cents);
        expect(text).toMatch(/^\d{1,3}\.\d{2}$/);
        expect(toCents(text)).toBe(cents);
      }),
      { numRuns: 1000 },
    );
  });
});
