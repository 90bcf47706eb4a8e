import { describe, expect, it } from 'vitest';
import { handler as addItem } from '../../functions/http/orders/add-item';
import { handler as createOrder } from '../../functions/http/orders/create';
import { handler as getOrder } from '../../functions/http/orders/get';
import { handler as updateItem } from '../../functions/http/orders/update-item';
import { invoke } from '../fixtures/events';
import { aCustomer, aDrink } from '../fixtures/shop';

describe('PATCH /v1/orders/{orderId}/items/{itemId} with nothing to change', () => {
  it('answers 400 and leaves the order (and its version) as it was', async () => {
    const alice = await aCustomer('alice');
    const drink = await aDrink();
    const { body: order } = await invoke(createOrder, 'POST /v1/orders', { caller: alice, body: {} });
    const pathParameters = { orderId: order.id, itemId: drink.id };
    await invoke(addItem, 'POST /v1/orders/{orderId}/items', { caller: alice, pathParameters: { orderId: order.id }, body: { itemId: drink.id, quantity: 1 } });
    const empty = await invoke(updateItem, 'PATCH /v1/orders/{orderId}/items/{itemId}', { caller: alice, pathParameters, body: {} });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toMatchObject({ code: 'validation_failed', errors: [{ path: 'body', message: 'Send quantity or unitPrice' }] });
    const after = await invoke(getOrder, 'GET /v1/orders/{orderId}', { caller: alice, pathParameters: { orderId: order.id } });
    expect(after.body.version).toBe(2);
  });
});
