import { describe, expect, it } from 'vitest';
import { handler as addItem } from '../../functions/http/orders/add-item';
import { handler as approve } from '../../functions/http/orders/approve';
import { handler as createOrder } from '../../functions/http/orders/create';
import { handler as getOrder } from '../../functions/http/orders/get';
import { handler as listOrders } from '../../functions/http/orders/list';
import { handler as submit } from '../../functions/http/orders/submit';
import type { Caller } from '../../functions/core/roles';
import { invoke } from '../fixtures/events';
import { aCustomer, aDrink, employee, onHandOf } from '../fixtures/shop';

async function pendingOrder(caller: Caller, lines: { itemId: string; quantity: number }[]): Promise<string> {
  const { body } = await invoke(createOrder, 'POST /v1/orders', { caller, body: {} });
  for (const line of lines) {
    await invoke(addItem, 'POST /v1/orders/{orderId}/items', { caller, pathParameters: { orderId: body.id }, body: line });
  }
  await invoke(submit, 'POST /v1/orders/{orderId}/submit', { caller, pathParameters: { orderId: body.id } });
  return body.id;
}

const statuses = (responses: { statusCode: number }[]) =>
  responses.reduce<Record<number, number>>((counts, { statusCode }) => ({ ...counts, [statusCode]: (counts[statusCode] ?? 0) + 1 }), {});

describe('orders under concurrency (real parallel requests to DynamoDB Local)', () => {
  it('approves an order exactly once when ten employees approve it at the same time', async () => {
    const alice = await aCustomer('alice');
    const drink = await aDrink({ onHand: 100 });
    const orderId = await pendingOrder(alice, [{ itemId: drink.id, quantity: 3 }]);
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        invoke(approve, 'POST /v1/orders/{orderId}/approve', { caller: employee(`emp-${index}`), pathParameters: { orderId } }),
      ),
    );
    expect(statuses(responses)).toEqual({ 200: 1, 409: 9 });
    for (const response of responses.filter((r) => r.statusCode === 409)) {
      expect(response.body).toMatchObject({ code: 'invalid_transition', currentState: 'APPROVED' });
    }
    expect(await onHandOf(drink.id)).toBe(97);
  });

  it('never drives stock below zero when approvals compete for it', async () => {
    const alice = await aCustomer('alice');
    const scarce = await aDrink({ onHand: 5 });
    const plenty = await aDrink({ onHand: 100 });
    const orderIds = await Promise.all(
      Array.from({ length: 6 }, () => pendingOrder(alice, [{ itemId: plenty.id, quantity: 1 }, { itemId: scarce.id, quantity: 2 }])),
    );
    const responses = await Promise.all(
      orderIds.map((orderId) => invoke(approve, 'POST /v1/orders/{orderId}/approve', { caller: employee(), pathParameters: { orderId } })),
    );
    expect(statuses(responses)).toEqual({ 200: 2, 409: 4 });
    for (const response of responses.filter((r) => r.statusCode === 409)) {
      expect(response.body).toMatchObject({ code: 'insufficient_stock', itemId: scarce.id, requested: 2, available: 1 });
    }
    expect(await onHandOf(scarce.id)).toBe(1);
    expect(await onHandOf(plenty.id)).toBe(98);
  });

  it('adds an item exactly once when the same item is added ten times at once', async () => {
    const alice = await aCustomer('alice');
    const drink = await aDrink();
    const { body: order } = await invoke(createOrder, 'POST /v1/orders', { caller: alice, body: {} });
    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        invoke(addItem, 'POST /v1/orders/{orderId}/items', {
          caller: alice,
          pathParameters: { orderId: order.id },
          body: { itemId: drink.id, quantity: 1 },
        }),
      ),
    );
    expect(statuses(responses)).toEqual({ 201: 1, 409: 9 });
    expect(responses.find((r) => r.statusCode === 409)?.body.code).toBe('duplicate_item');
    const { body } = await invoke(getOrder, 'GET /v1/orders/{orderId}', { caller: alice, pathParameters: { orderId: order.id } });
    expect(body).toMatchObject({ itemCount: 1, version: 2 });
  });

  it('keeps every line when different items are added at once', async () => {
    const alice = await aCustomer('alice');
    const drinks = await Promise.all(Array.from({ length: 6 }, () => aDrink()));
    const { body: order } = await invoke(createOrder, 'POST /v1/orders', { caller: alice, body: {} });
    const responses = await Promise.all(
      drinks.map((drink) =>
        invoke(addItem, 'POST /v1/orders/{orderId}/items', {
          caller: alice,
          pathParameters: { orderId: order.id },
          body: { itemId: drink.id, quantity: 2 },
        }),
      ),
    );
    expect(statuses(responses)).toEqual({ 201: 6 });
    const { body } = await invoke(getOrder, 'GET /v1/orders/{orderId}', { caller: alice, pathParameters: { orderId: order.id } });
    expect(body.itemCount).toBe(6);
  });
});

describe('Idempotency-Key on POST /v1/orders', () => {
  it('returns the first response for a retry, creates nothing new, and refuses the key with another body', async () => {
    const bob = await aCustomer('bob');
    const headers = { 'idempotency-key': 'retry-1' };
    const first = await invoke(createOrder, 'POST /v1/orders', { caller: bob, headers, body: { comments: 'hi' } });
    const retry = await invoke(createOrder, 'POST /v1/orders', { caller: bob, headers, body: { comments: 'hi' } });
    expect(first.statusCode).toBe(201);
    expect(retry).toEqual(first);
    const reused = await invoke(createOrder, 'POST /v1/orders', { caller: bob, headers, body: { comments: 'other' } });
    expect(reused.statusCode).toBe(422);
    expect(reused.body.code).toBe('idempotency_key_reused');
    // The refused request must not have cost the first one its record.
    const retryAfterRefusal = await invoke(createOrder, 'POST /v1/orders', { caller: bob, headers, body: { comments: 'hi' } });
    expect(retryAfterRefusal).toEqual(first);
    const { body: list } = await invoke(listOrders, 'GET /v1/orders', { caller: bob });
    expect(list.items).toHaveLength(1);
  });

  it('creates one order when the same request is retried in parallel, and answers retries with it afterwards', async () => {
    const frank = await aCustomer('frank');
    const headers = { 'idempotency-key': 'parallel' };
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => invoke(createOrder, 'POST /v1/orders', { caller: frank, headers, body: { comments: 'once' } })),
    );
    const created = answers.filter((answer) => answer.statusCode === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    for (const answer of answers) {
      if (answer.statusCode === 201) expect(answer.body.id).toBe(created[0].body.id);
      else expect([answer.statusCode, answer.body.code]).toEqual([409, 'idempotency_in_progress']);
    }
    const retry = await invoke(createOrder, 'POST /v1/orders', { caller: frank, headers, body: { comments: 'once' } });
    expect(retry.body.id).toBe(created[0].body.id);
    const { body: list } = await invoke(listOrders, 'GET /v1/orders', { caller: frank });
    expect(list.items).toHaveLength(1);
  });

  it('scopes keys to the caller and validates their length', async () => {
    const carol = await aCustomer('carol');
    const dave = await aCustomer('dave');
    const headers = { 'idempotency-key': 'shared-key' };
    const forCarol = await invoke(createOrder, 'POST /v1/orders', { caller: carol, headers, body: {} });
    const forDave = await invoke(createOrder, 'POST /v1/orders', { caller: dave, headers, body: {} });
    expect(forDave.statusCode).toBe(201);
    expect(forDave.body.id).not.toBe(forCarol.body.id);
    expect(forDave.body.customerId).toBe('dave');
    const tooLong = await invoke(createOrder, 'POST /v1/orders', { caller: carol, headers: { 'idempotency-key': 'k'.repeat(256) }, body: {} });
    expect(tooLong.statusCode).toBe(400);
    const longest = await invoke(createOrder, 'POST /v1/orders', { caller: carol, headers: { 'idempotency-key': 'k'.repeat(255) }, body: {} });
    expect(longest.statusCode).toBe(201);
  });

  it('does not store failures: a retry after a 400 is processed afresh', async () => {
    const erin = await aCustomer('erin');
    const headers = { 'idempotency-key': 'after-failure' };
    const bad = await invoke(createOrder, 'POST /v1/orders', { caller: erin, headers, body: { comments: 5 } });
    expect(bad.statusCode).toBe(400);
    const corrected = await invoke(createOrder, 'POST /v1/orders', { caller: erin, headers, body: { comments: 'five' } });
    expect(corrected.statusCode).toBe(201);
  });
});
