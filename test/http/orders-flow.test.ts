import { describe, expect, it } from 'vitest';
import { handler as addItem } from '../../functions/http/orders/add-item';
import { handler as approve } from '../../functions/http/orders/approve';
import { handler as createOrder } from '../../functions/http/orders/create';
import { handler as getOrder } from '../../functions/http/orders/get';
import { handler as history } from '../../functions/http/orders/history';
import { handler as submit } from '../../functions/http/orders/submit';
import { invoke } from '../fixtures/events';
import { aCustomer, aDrink, employee, onHandOf } from '../fixtures/shop';

describe('an order from creation to approval', () => {
  it('creates, adds items with exact money, submits, approves and deducts stock', async () => {
    const alice = await aCustomer('alice');
    const latte = await aDrink({ priceCents: 640, onHand: 5 });
    const water = await aDrink({ priceCents: 5, onHand: 9 });
    const created = await invoke(createOrder, 'POST /v1/orders', { caller: alice, body: { comments: ' no sugar ' } });
    expect(created.statusCode).toBe(201);
    expect(created.body).toMatchObject({ customerId: 'alice', state: 'CREATED', items: [], itemCount: 0, totalPrice: '0.00', comments: 'no sugar', handledBy: null, reviewedAt: null, version: 1 });
    expect(created.body.reference).toBe(created.body.id.slice(-6).toUpperCase());
    const orderId = created.body.id;
    const path = { orderId };
    const line = await invoke(addItem, 'POST /v1/orders/{orderId}/items', { caller: alice, pathParameters: path, body: { itemId: latte.id, quantity: 3 } });
    expect(line.statusCode).toBe(201);
    expect(line.body).toEqual({ itemId: latte.id, name: latte.name, quantity: 3, unitPrice: '6.40', totalPrice: '19.20' });
    await invoke(addItem, 'POST /v1/orders/{orderId}/items', { caller: alice, pathParameters: path, body: { itemId: water.id, quantity: 2 } });
    const read = await invoke(getOrder, 'GET /v1/orders/{orderId}', { caller: alice, pathParameters: path });
    expect(read.body).toMatchObject({ itemCount: 2, totalPrice: '19.30', version: 3 });
    expect(read.headers.etag).toBe('"3"');
    const submitted = await invoke(submit, 'POST /v1/orders/{orderId}/submit', { caller: alice, pathParameters: path });
    expect(submitted.body, JSON.stringify(submitted.body)).toMatchObject({ state: 'PENDING' });
    const approved = await invoke(approve, 'POST /v1/orders/{orderId}/approve', { caller: employee(), pathParameters: path, body: { comments: 'ok' } });
    expect(approved.statusCode).toBe(200);
    expect(approved.body).toMatchObject({ state: 'APPROVED', handledBy: 'employee-1', comments: 'ok' });
    expect(approved.body.reviewedAt).toEqual(expect.any(String));
    expect(await onHandOf(latte.id)).toBe(2);
    expect(await onHandOf(water.id)).toBe(7);
    const events = await invoke(history, 'GET /v1/orders/{orderId}/history', { caller: alice, pathParameters: path });
    expect(events.body.items.map((event: { from: string | null; to: string }) => [event.from, event.to])).toEqual([
      [null, 'CREATED'],
      ['CREATED', 'PENDING'],
      ['PENDING', 'APPROVED'],
    ]);
    expect(events.body.items[2]).toMatchObject({ by: 'employee-1', role: 'employee', comments: 'ok' });
  });
});
