import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, statuses, type StackClient } from './support/local-stack';

/**
 * Real parallel requests through the local gateway (JWT authorizer, payload 2.0 events) to the
 * functions and DynamoDB Local: each scenario asserts the contract's invariant, not a timing.
 */
let client: StackClient;
let staff: { token: string };
let shopper: { id: string; token: string };

beforeAll(async () => {
  client = await startStack();
  staff = await client.employee('concurrency-staff');
  shopper = await client.customer('concurrency-shopper');
}, 120_000);

afterAll(async () => {
  await client?.stop();
});

const logged = () => `\n--- stack log ---\n${client.log.join('\n')}`;

async function aDrink(onHand: number): Promise<string> {
  const created = await client.call('POST', '/v1/inventory', {
    token: staff.token,
    body: { name: `Drink ${randomUUID().slice(0, 6)}`, type: 'COFFEE', price: '2.50', onHand },
  });
  expect(created.status, JSON.stringify(created.body) + logged()).toBe(201);
  return created.body.id;
}

async function onHand(itemId: string): Promise<number> {
  const item = await client.call('GET', `/v1/inventory/${itemId}`, { token: staff.token });
  expect(item.status).toBe(200);
  return item.body.onHand;
}

async function anOrder(lines: { itemId: string; quantity: number }[], submit = true): Promise<string> {
  const order = await client.call('POST', '/v1/orders', { token: shopper.token, body: {} });
  expect(order.status, JSON.stringify(order.body) + logged()).toBe(201);
  for (const line of lines) {
    const added = await client.call('POST', `/v1/orders/${order.body.id}/items`, { token: shopper.token, body: line });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
  }
  if (submit) expect((await client.call('POST', `/v1/orders/${order.body.id}/submit`, { token: shopper.token })).status).toBe(200);
  return order.body.id;
}

describe('concurrency through the local gateway', () => {
  it('approves one order exactly once when eight employees approve it at the same time', async () => {
    const drink = await aDrink(50);
    const orderId = await anOrder([{ itemId: drink, quantity: 4 }]);
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => client.call('POST', `/v1/orders/${orderId}/approve`, { token: staff.token, body: {} })),
    );
    expect(statuses(answers), logged()).toEqual({ 200: 1, 409: 7 });
    for (const answer of answers.filter((a) => a.status === 409)) {
      expect(answer.contentType).toBe('application/problem+json');
      expect(answer.body).toMatchObject({ code: 'invalid_transition', currentState: 'APPROVED' });
    }
    expect(await onHand(drink)).toBe(46);
    const history = await client.call('GET', `/v1/orders/${orderId}/history`, { token: staff.token });
    expect(history.body.items.filter((entry: { to: string }) => entry.to === 'APPROVED')).toHaveLength(1);
  }, 60_000);

  it('never drives stock below zero when approvals compete for scarce stock, and accounts for every unit', async () => {
    const scarce = await aDrink(7);
    const plenty = await aDrink(100);
    const orderIds: string[] = [];
    for (let index = 0; index < 6; index++) {
      orderIds.push(await anOrder([{ itemId: plenty, quantity: 1 }, { itemId: scarce, quantity: 2 }]));
    }
    const answers = await Promise.all(
      orderIds.map((orderId) => client.call('POST', `/v1/orders/${orderId}/approve`, { token: staff.token, body: {} })),
    );
    // 7 units, 2 per order: three approvals fit, three do not.
    expect(statuses(answers), logged()).toEqual({ 200: 3, 409: 3 });
    for (const answer of answers.filter((a) => a.status === 409)) {
      expect(answer.body).toMatchObject({ code: 'insufficient_stock', itemId: scarce, requested: 2, available: 1 });
    }
    expect(await onHand(scarce)).toBe(1);
    expect(await onHand(plenty)).toBe(97);
    // The losers are untouched: still PENDING, and can be rejected.
    const states = await Promise.all(orderIds.map((id) => client.call('GET', `/v1/orders/${id}`, { token: shopper.token })));
    expect(states.map((s) => s.body.state).sort()).toEqual(['APPROVED', 'APPROVED', 'APPROVED', 'PENDING', 'PENDING', 'PENDING']);
  }, 90_000);

  it('accounts exactly for parallel stock adjustments, refusing only those that would go below zero', async () => {
    const drink = await aDrink(10);
    const deltas = [5, -3, 7, -4, 2, -20, -6, 1, -1, 3];
    const answers = await Promise.all(
      deltas.map((delta) =>
        client.call('POST', `/v1/inventory/${drink}/adjustments`, { token: staff.token, body: { delta, reason: 'reliability test' } }),
      ),
    );
    const applied = deltas.filter((_, index) => answers[index].status === 200);
    for (const [index, answer] of answers.entries()) {
      expect([200, 409], JSON.stringify(answer.body) + logged()).toContain(answer.status);
      if (answer.status === 409) {
        expect(answer.body).toMatchObject({ code: 'insufficient_stock', requested: -deltas[index] });
        expect(deltas[index]).toBeLessThan(0);
      } else {
        expect(answer.body.onHand).toBeGreaterThanOrEqual(0);
      }
    }
    // -20 can never fit (at most 10 + 18 = 28, minus the rest); every positive delta always fits.
    expect(applied).toEqual(expect.arrayContaining([5, 7, 2, 1, 3]));
    expect(await onHand(drink)).toBe(10 + applied.reduce((sum, delta) => sum + delta, 0));
    const item = await client.call('GET', `/v1/inventory/${drink}`, { token: staff.token });
    expect(item.body.version).toBe(1 + applied.length);
  }, 60_000);

  it('lets exactly one of several parallel item edits with the same If-Match win; the rest get 412', async () => {
    const drink = await aDrink(20);
    const orderId = await anOrder([{ itemId: drink, quantity: 1 }], false);
    const before = await client.call('GET', `/v1/orders/${orderId}`, { token: shopper.token });
    const etag = before.headers.get('etag')!;
    expect(etag).toBe(`"${before.body.version}"`);
    const answers = await Promise.all(
      [2, 3, 4, 5, 6, 7].map((quantity) =>
        client.call('PATCH', `/v1/orders/${orderId}/items/${drink}`, {
          token: shopper.token,
          headers: { 'if-match': etag },
          body: { quantity },
        }),
      ),
    );
    expect(statuses(answers), logged()).toEqual({ 200: 1, 412: 5 });
    for (const answer of answers.filter((a) => a.status === 412)) {
      expect(answer.contentType).toBe('application/problem+json');
      expect(answer.body.code).toBe('precondition_failed');
    }
    const winner = answers.find((a) => a.status === 200)!.body;
    const after = await client.call('GET', `/v1/orders/${orderId}`, { token: shopper.token });
    expect(after.body.version).toBe(before.body.version + 1);
    expect(after.body.items).toEqual([expect.objectContaining({ itemId: drink, quantity: winner.quantity })]);
  }, 60_000);

  it('registers one email exactly once when six registrations race (in any letter case)', async () => {
    const email = `race-${randomUUID().slice(0, 8)}@example.com`;
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, index) =>
        client.call('POST', '/v1/auth/register', {
          body: {
            email: index % 2 ? email.toUpperCase() : email,
            password: 'Passw0rdRace',
            name: `Racer ${index}`,
            phoneNumber: `+25470000${String(index).padStart(4, '0')}`,
          },
        }),
      ),
    );
    expect(statuses(answers), JSON.stringify(answers.map((a) => a.body)) + logged()).toEqual({ 201: 1, 409: 5 });
    for (const answer of answers.filter((a) => a.status === 409)) {
      expect(answer.contentType).toBe('application/problem+json');
      expect(answer.body.code).toBe('email_taken');
    }
    const winner = answers.find((a) => a.status === 201)!.body;
    const token = await client.signIn(email, 'Passw0rdRace');
    expect((await client.call('GET', '/v1/me', { token })).body).toMatchObject({ id: winner.id, name: winner.name, role: 'customer' });
  }, 60_000);
});
