import { describe, expect, it } from 'vitest';
import { handler as adjust } from '../../functions/http/inventory/adjust';
import { handler as patchItem } from '../../functions/http/inventory/patch';
import { handler as archive } from '../../functions/http/inventory/archive';
import { handler as addItem } from '../../functions/http/orders/add-item';
import { handler as createOrder } from '../../functions/http/orders/create';
import { handler as removeItem } from '../../functions/http/orders/remove-item';
import { handler as updateItem } from '../../functions/http/orders/update-item';
import { invoke } from '../fixtures/events';
import { aCustomer, aDrink, employee, onHandOf } from '../fixtures/shop';
import { failNext, pendingFaults, transactionConflict } from '../support/dynamodb-faults';

/**
 * A single-item write on an item that a transaction holds (an approval deducting its stock, or
 * changing its order's state) fails with TransactionConflictException in AWS. DynamoDB Local
 * never answers it to these tests on its own: the fault is injected on that very write.
 */
const onUpdate = { when: (input: Record<string, unknown>) => typeof input.UpdateExpression === 'string' };

async function orderWithLine() {
  const alice = await aCustomer('alice');
  const drink = await aDrink({ onHand: 50 });
  const { body: order } = await invoke(createOrder, 'POST /v1/orders', { caller: alice, body: {} });
  await invoke(addItem, 'POST /v1/orders/{orderId}/items', { caller: alice, pathParameters: { orderId: order.id }, body: { itemId: drink.id, quantity: 1 } });
  return { alice, drink, orderId: order.id as string };
}

describe('a single-item write that meets a running transaction', () => {
  it('a line edit is tried again and lands', async () => {
    const { alice, drink, orderId } = await orderWithLine();
    failNext('UpdateItemCommand', transactionConflict, { times: 2, ...onUpdate });
    const response = await invoke(updateItem, 'PATCH /v1/orders/{orderId}/items/{itemId}', {
      caller: alice,
      pathParameters: { orderId, itemId: drink.id },
      body: { quantity: 4 },
    });
    expect(response.statusCode, JSON.stringify(response.body)).toBe(200);
    expect(response.body.quantity).toBe(4);
    expect(pendingFaults()).toBe(0);
  });

  it('a line removal is tried again and lands', async () => {
    const { alice, drink, orderId } = await orderWithLine();
    failNext('UpdateItemCommand', transactionConflict, onUpdate);
    const response = await invoke(removeItem, 'DELETE /v1/orders/{orderId}/items/{itemId}', { caller: alice, pathParameters: { orderId, itemId: drink.id } });
    expect(response.statusCode, JSON.stringify(response.body)).toBe(204);
    expect(pendingFaults()).toBe(0);
  });

  it('a stock adjustment is tried again and counted once', async () => {
    const drink = await aDrink({ onHand: 10 });
    failNext('UpdateItemCommand', transactionConflict, { times: 3, ...onUpdate });
    const response = await invoke(adjust, 'POST /v1/inventory/{itemId}/adjustments', {
      caller: employee(),
      pathParameters: { itemId: drink.id },
      body: { delta: -4, reason: 'breakage' },
    });
    expect(response.statusCode, JSON.stringify(response.body)).toBe(200);
    expect(await onHandOf(drink.id)).toBe(6);
    expect(pendingFaults()).toBe(0);
  });

  it('an item edit and an archive are tried again and land', async () => {
    const drink = await aDrink();
    failNext('UpdateItemCommand', transactionConflict, onUpdate);
    const patched = await invoke(patchItem, 'PATCH /v1/inventory/{itemId}', { caller: employee(), pathParameters: { itemId: drink.id }, body: { price: '7.00' } });
    expect(patched.statusCode, JSON.stringify(patched.body)).toBe(200);
    failNext('UpdateItemCommand', transactionConflict, onUpdate);
    const archived = await invoke(archive, 'DELETE /v1/inventory/{itemId}', { caller: employee(), pathParameters: { itemId: drink.id } });
    expect(archived.statusCode, JSON.stringify(archived.body)).toBe(204);
    expect(pendingFaults()).toBe(0);
  });

  it('an item that stays contended answers 503 with Retry-After, never 500', async () => {
    const drink = await aDrink({ onHand: 10 });
    failNext('UpdateItemCommand', transactionConflict, { times: 1000, ...onUpdate });
    const response = await invoke(adjust, 'POST /v1/inventory/{itemId}/adjustments', {
      caller: employee(),
      pathParameters: { itemId: drink.id },
      body: { delta: 1, reason: 'delivery' },
    });
    expect(response.statusCode).toBe(503);
    expect(response.headers).toMatchObject({ 'content-type': 'application/problem+json', 'retry-after': expect.any(String) });
    expect(response.body.code).toBe('service_unavailable');
    expect(await onHandOf(drink.id)).toBe(10);
  });

  it('an order line that stays contended answers 503 too', async () => {
    const { alice, drink, orderId } = await orderWithLine();
    failNext('UpdateItemCommand', transactionConflict, { times: 1000, ...onUpdate });
    const response = await invoke(updateItem, 'PATCH /v1/orders/{orderId}/items/{itemId}', {
      caller: alice,
      pathParameters: { orderId, itemId: drink.id },
      body: { quantity: 2 },
    });
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBeDefined();
  });
});
