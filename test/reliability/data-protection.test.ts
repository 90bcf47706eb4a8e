import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type StackClient } from './support/local-stack';

/**
 * One customer can reach nothing of another's, through any route or cursor; and with the
 * functions logging at DEBUG, a whole lifecycle (register, sign in, order, approval, SMS through
 * the stream consumer) writes no token, password or full phone number to the logs.
 */
const captured: string[] = [];
const restore: (() => void)[] = [];

function capture() {
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream);
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      captured.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
      return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof stream.write;
    restore.push(() => (stream.write = write));
  }
  for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
    const original = console[method];
    console[method] = (...args: unknown[]) => {
      captured.push(args.map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg))).join(' '));
      original.apply(console, args);
    };
    restore.push(() => (console[method] = original));
  }
}

let client: StackClient;
type Person = Awaited<ReturnType<StackClient['customer']>>;
let alice: Person;
let bob: Person;
let staff: { id: string; token: string; password: string };
let aliceOrders: string[];
let drinkId: string;
const secrets: { label: string; value: string }[] = [];

beforeAll(async () => {
  capture();
  client = await startStack({ logLevel: 'DEBUG' });
  alice = await client.customer('alice');
  bob = await client.customer('bob');
  staff = await client.employee('data-staff');
  const tokens = await client.call('POST', '/v1/auth/token', { body: { email: alice.email, password: alice.password } });
  const refreshed = await client.call('POST', '/v1/auth/refresh', { body: { refreshToken: tokens.body.refreshToken } });
  expect(refreshed.status).toBe(200);
  secrets.push(
    { label: 'alice password', value: alice.password },
    { label: 'bob password', value: bob.password },
    { label: 'staff password', value: staff.password },
    { label: 'alice phone', value: alice.phoneNumber.slice(1) },
    { label: 'bob phone', value: bob.phoneNumber.slice(1) },
    ...[alice.token, bob.token, staff.token, tokens.body.accessToken, tokens.body.idToken, tokens.body.refreshToken, refreshed.body.accessToken].map(
      (token: string, index) => ({ label: `token ${index} (its signature)`, value: token.split('.')[2] }),
    ),
  );

  const drink = await client.call('POST', '/v1/inventory', { token: staff.token, body: { name: 'Guarded Tea', type: 'TEA', price: '3.00', onHand: 50 } });
  drinkId = drink.body.id;
  aliceOrders = [];
  for (let index = 0; index < 2; index++) {
    const order = await client.call('POST', '/v1/orders', { token: alice.token, body: { comments: `alice ${index}` } });
    aliceOrders.push(order.body.id);
    await client.call('POST', `/v1/orders/${order.body.id}/items`, { token: alice.token, body: { itemId: drinkId, quantity: 2 } });
  }
  await client.call('POST', `/v1/orders/${aliceOrders[0]}/submit`, { token: alice.token });
  const approved = await client.call('POST', `/v1/orders/${aliceOrders[0]}/approve`, { token: staff.token, body: { comments: 'ok' } });
  expect(approved.status).toBe(200);
  await client.call('PATCH', '/v1/me', { token: alice.token, body: { address: 'Somewhere 1' } });

  // The stream consumer has sent the SMS: 2 created, 1 pending, 1 approved.
  const deadline = Date.now() + 30_000;
  for (;;) {
    const inbox = await client.call('GET', '/v1/notifications', { token: alice.token });
    if (inbox.body.items.length >= 4) break;
    if (Date.now() > deadline) throw new Error(`The notifications did not arrive: ${JSON.stringify(inbox.body)}\n${client.log.join('\n')}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}, 120_000);

afterAll(async () => {
  for (const undo of restore.splice(0).reverse()) undo();
  await client?.stop();
});

describe('customers reach nothing of another customer', () => {
  it('404 for every route on another customer’s order, and nothing changes', async () => {
    const [orderId] = aliceOrders;
    const attempts = [
      ['GET', `/v1/orders/${orderId}`, undefined],
      ['GET', `/v1/orders/${orderId}/history`, undefined],
      ['POST', `/v1/orders/${orderId}/items`, { itemId: drinkId, quantity: 1 }],
      ['PATCH', `/v1/orders/${orderId}/items/${drinkId}`, { quantity: 9 }],
      ['DELETE', `/v1/orders/${orderId}/items/${drinkId}`, undefined],
      ['POST', `/v1/orders/${aliceOrders[1]}/submit`, undefined],
      ['POST', `/v1/orders/${aliceOrders[1]}/cancel`, {}],
      ['POST', `/v1/orders/${aliceOrders[1]}/items`, { itemId: drinkId, quantity: 1 }],
      ['PATCH', `/v1/orders/${aliceOrders[1]}/items/${drinkId}`, { quantity: 9 }],
      ['DELETE', `/v1/orders/${aliceOrders[1]}/items/${drinkId}`, undefined],
      ['GET', `/v1/customers/${alice.id}`, undefined],
    ] as const;
    for (const [method, path, body] of attempts) {
      const answer = await client.call(method, path, { token: bob.token, body });
      expect([method, path, answer.status, answer.body?.code]).toEqual([method, path, 404, 'not_found']);
      expect(JSON.stringify(answer.body)).not.toContain(alice.email);
    }
    const still = await client.call('GET', `/v1/orders/${aliceOrders[1]}`, { token: alice.token });
    expect(still.body).toMatchObject({ state: 'CREATED', version: 2, items: [expect.objectContaining({ quantity: 2 })] });
  });

  it('lists, the profile and the inbox show only the caller’s own', async () => {
    const orders = await client.call('GET', '/v1/orders?limit=100', { token: bob.token });
    expect(orders.body.items).toEqual([]);
    const filtered = await client.call('GET', `/v1/orders?customerId=${alice.id}`, { token: bob.token });
    // Refused (400/403) or empty: never Alice's orders.
    expect([400, 403].includes(filtered.status) || (filtered.status === 200 && filtered.body.items.length === 0), JSON.stringify(filtered.body)).toBe(true);
    expect((await client.call('GET', '/v1/customers', { token: bob.token })).status).toBe(403);
    const me = await client.call('GET', '/v1/me', { token: bob.token });
    expect(me.body).toMatchObject({ id: bob.id, email: bob.email });
    const inbox = await client.call('GET', '/v1/notifications', { token: bob.token });
    expect(inbox.body).toMatchObject({ items: [], unreadCount: 0 });
  });

  it('marking another customer’s notifications read does nothing to them', async () => {
    const before = await client.call('GET', '/v1/notifications', { token: alice.token });
    const ids = before.body.items.map((item: { id: string }) => item.id);
    const answer = await client.call('POST', '/v1/notifications/read', { token: bob.token, body: { ids } });
    expect(answer.status === 200 || answer.status === 404, JSON.stringify(answer.body)).toBe(true);
    if (answer.status === 200) expect(answer.body.unreadCount).toBe(0);
    const after = await client.call('GET', '/v1/notifications', { token: alice.token });
    expect(after.body.unreadCount).toBe(before.body.unreadCount);
    expect(after.body.unreadCount).toBeGreaterThanOrEqual(4);
  });

  it('a cursor from one customer is a 400 for another, and for the employee; a tampered one too', async () => {
    for (const path of ['/v1/orders?limit=1', '/v1/notifications?limit=1']) {
      const page = await client.call('GET', path, { token: alice.token });
      const cursor = page.body.nextCursor as string;
      expect(cursor, path).toEqual(expect.any(String));
      const own = await client.call('GET', `${path}&cursor=${encodeURIComponent(cursor)}`, { token: alice.token });
      expect(own.status).toBe(200);
      for (const token of [bob.token, staff.token]) {
        const foreign = await client.call('GET', `${path}&cursor=${encodeURIComponent(cursor)}`, { token });
        expect([path, foreign.status, foreign.body.code]).toEqual([path, 400, 'validation_failed']);
      }
      const flipped = cursor.slice(0, -2) + (cursor.at(-2) === 'A' ? 'B' : 'A') + cursor.at(-1);
      const tampered = await client.call('GET', `${path}&cursor=${encodeURIComponent(flipped)}`, { token: alice.token });
      expect([path, tampered.status]).toEqual([path, 400]);
    }
    // An employee's cursor over all orders, used by a customer.
    const staffPage = await client.call('GET', '/v1/orders?limit=1', { token: staff.token });
    const reused = await client.call('GET', `/v1/orders?limit=1&cursor=${encodeURIComponent(staffPage.body.nextCursor)}`, { token: bob.token });
    expect(reused.status).toBe(400);
  });
});

describe('logs', () => {
  it('were written at DEBUG, and hold no token, password or full phone number', () => {
    const text = captured.join('\n') + client.log.join('\n');
    // The capture saw the functions' own logs (not vacuous).
    expect(text).toMatch(/SMS sent|Stock adjusted|Customer onboarded/);
    for (const { label, value } of secrets) {
      expect(text.includes(value), `${label} appears in the logs`).toBe(false);
    }
  });
});
