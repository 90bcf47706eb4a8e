import { describe, expect, it } from 'vitest';
import { routes } from '../../functions/routes';
import { invoke, type TestResponse } from '../fixtures/events';
import { aCustomer, employee } from '../fixtures/shop';

type Handler = Parameters<typeof invoke>[0];

/** Past DynamoDB's key size (2 KiB partition key, 1 KiB sort key): a read with it is a ValidationException. */
const HUGE_ID = 'x'.repeat(3000);

const withIds = routes.filter((route) => route.path.includes('Id}'));

const handlerOf = async (module: string): Promise<Handler> => (await import(`../../functions/${module}`)).handler;

function expectNotFound(response: TestResponse, label: string) {
  expect(response.statusCode, `${label}: ${JSON.stringify(response.body)}`).toBe(404);
  expect(response.headers['content-type']).toBe('application/problem+json');
  expect(response.body.code).toBe('not_found');
}

describe('path parameters that cannot be ids', () => {
  it('covers every route with an id in its path', () => {
    expect(withIds.length).toBeGreaterThanOrEqual(13);
  });

  it.each(withIds.map((route) => [`${route.method} ${route.path}`, route] as const))('%s: a 3,000-character id is a 404, never a 500', async (key, route) => {
    const handler = await handlerOf(route.handler);
    const names = [...route.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => name);
    const caller = route.auth === 'optional' ? undefined : employee();
    for (const huge of names) {
      const pathParameters = Object.fromEntries(names.map((name) => [name, name === huge ? HUGE_ID : '01JZZZZZZZZZZZZZZZZZZZZZZZ']));
      const body = route.method === 'GET' || route.method === 'DELETE' ? undefined : {};
      expectNotFound(await invoke(handler, key, { caller, pathParameters, body }), `${key} ${huge}`);
    }
  });

  it('a customer asking for a customer by a huge id gets the same 404', async () => {
    const alice = await aCustomer('alice');
    const handler = await handlerOf('http/customers/get');
    expectNotFound(await invoke(handler, 'GET /v1/customers/{customerId}', { caller: alice, pathParameters: { customerId: HUGE_ID } }), 'customer');
  });

  it('an empty id is a 404 too', async () => {
    const handler = await handlerOf('http/orders/get');
    expectNotFound(await invoke(handler, 'GET /v1/orders/{orderId}', { caller: employee(), pathParameters: { orderId: '' } }), 'empty');
  });
});

describe('the SMS delivery report callback', () => {
  it('answers 400 to a message id no provider would send, never a 500', async () => {
    process.env.SMS_CALLBACK_SECRET = 'callback-secret-for-tests';
    const handler = await handlerOf('http/sms/delivery-report');
    const response = await invoke(handler, 'POST /v1/sms/delivery-reports', {
      query: { token: 'callback-secret-for-tests' },
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ id: HUGE_ID, status: 'Success' }).toString(),
    });
    expect(response.statusCode, JSON.stringify(response.body)).toBe(400);
    expect(response.body).toMatchObject({ code: 'validation_failed', errors: [{ path: 'body.id', message: expect.any(String) }] });
  });
});
