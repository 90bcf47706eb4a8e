import { describe, expect, it } from 'vitest';
import { handler as patchMe } from '../../functions/http/me/patch';
import { handler as addItem } from '../../functions/http/orders/add-item';
import { handler as approve } from '../../functions/http/orders/approve';
import { handler as createOrder } from '../../functions/http/orders/create';
import { handler as getOrder } from '../../functions/http/orders/get';
import { handler as history } from '../../functions/http/orders/history';
import { handler as submit } from '../../functions/http/orders/submit';
import { handler as updateItem } from '../../functions/http/orders/update-item';
import type { Caller } from '../../functions/core/roles';
import { invoke } from '../fixtures/events';
import { aCustomer, aDrink, employee } from '../fixtures/shop';
import { serveStaleCopies } from '../support/dynamodb-faults';

/**
 * In AWS an eventually consistent read right after a write can return the item as it was
 * before. DynamoDB Local never does: serveStaleCopies() makes every eventually consistent read
 * of this file answer with the table as it was at that moment, the worst a lagging replica can
 * do. Every read that decides a write must see through it.
 */
async function newOrder(caller: Caller) {
  const { body } = await invoke(createOrder, 'POST /v1/orders', { caller, body: {} });
  return body.id as string;
}

const add = (caller: Caller, orderId: string, itemId: string) =>
  invoke(addItem, 'POST /v1/orders/{orderId}/items', { caller, pathParameters: { orderId }, body: { itemId, quantity: 1 } });

describe('reads that decide a write are strongly consistent', () => {
  it('submit right after adding an item sees the item (no false 422 order_empty)', async () => {
    const alice = await aCustomer('alice');
    const drink = await aDrink();
    const orderId = await newOrder(alice);
    await serveStaleCopies();
    expect((await add(alice, orderId, drink.id)).statusCode).toBe(201);
    const submitted = await invoke(submit, 'POST /v1/orders/{orderId}/submit', { caller: alice, pathParameters: { orderId } });
    expect(submitted.statusCode, JSON.stringify(submitted.body)).toBe(200);
  });

  it('approve right after submit sees PENDING (no false 409)', async () => {
    const alice = await aCustomer('alice');
    const drink = await aDrink();
    const orderId = await newOrder(alice);
    await add(alice, orderId, drink.id);
    await serveStaleCopies();
    expect((await invoke(submit, 'POST /v1/orders/{orderId}/submit', { caller: alice, pathParameters: { orderId } })).statusCode).toBe(200);
    const approved = await invoke(approve, 'POST /v1/orders/{orderId}/approve', { caller: employee(), pathParameters: { orderId } });
    expect(approved.statusCode, JSON.stringify(approved.body)).toBe(200);
    const events = await invoke(history, 'GET /v1/orders/{orderId}/history', { caller: alice, pathParameters: { orderId } });
    expect(events.body.items.map((event: { to: string }) => event.to)).toEqual(['CREATED', 'PENDING', 'APPROVED']);
  });

  it('a client holding the fresh ETag is not refused with 412', async () => {
    const alice = await aCustomer('alice');
    const drink = await aDrink();
    const orderId = await newOrder(alice);
    await serveStaleCopies();
    await add(alice, orderId, drink.id);
    const read = await invoke(getOrder, 'GET /v1/orders/{orderId}', { caller: alice, pathParameters: { orderId } });
    expect(read.headers.etag).toBe('"2"');
    const changed = await invoke(updateItem, 'PATCH /v1/orders/{orderId}/items/{itemId}', {
      caller: alice,
      pathParameters: { orderId, itemId: drink.id },
      headers: { 'if-match': read.headers.etag },
      body: { quantity: 3 },
    });
    expect(changed.statusCode, JSON.stringify(changed.body)).toBe(200);
  });

  it('a second writer does not burn its retries on stale copies', async () => {
    const alice = await aCustomer('alice');
    const [first, second] = [await aDrink(), await aDrink()];
    const orderId = await newOrder(alice);
    await serveStaleCopies();
    expect((await add(alice, orderId, first.id)).statusCode).toBe(201);
    const added = await add(alice, orderId, second.id);
    expect(added.statusCode, JSON.stringify(added.body)).toBe(201);
  });

  it('PATCH /v1/me twice without If-Match answers 200 twice', async () => {
    const bob = await aCustomer('bob');
    await serveStaleCopies();
    for (const name of ['Bob One', 'Bob Two']) {
      const response = await invoke(patchMe, 'PATCH /v1/me', { caller: bob, body: { name } });
      expect(response.statusCode, JSON.stringify(response.body)).toBe(200);
      expect(response.body.name).toBe(name);
    }
  });

  it('an employee placing an order for a customer who just registered finds them (no false 422)', async () => {
    await serveStaleCopies();
    const carol = await aCustomer('carol');
    const placed = await invoke(createOrder, 'POST /v1/orders', { caller: employee(), body: { customerId: carol.id } });
    expect(placed.statusCode, JSON.stringify(placed.body)).toBe(201);
  });
});
