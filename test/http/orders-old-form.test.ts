import { ulid } from 'ulid';
import { describe, expect, it } from 'vitest';
import { orderReference } from '../../functions/core/orders';
import { shop } from '../../functions/data/service';
import { handler as approve } from '../../functions/http/orders/approve';
import { handler as getOrder } from '../../functions/http/orders/get';
import { handler as history } from '../../functions/http/orders/history';
import { handler as listOrders } from '../../functions/http/orders/list';
import { handler as ready } from '../../functions/http/orders/ready';
import { invoke } from '../fixtures/events';
import { aCustomer, aDrink, employee, onHandOf } from '../fixtures/shop';

const STAFF = employee('emp-old');

/**
 * A PENDING order exactly as the service wrote it before the history moved into the order item:
 * the order without `history`, and one orderEvent item per transition in its partition.
 */
async function oldFormPendingOrder(customerId: string, itemId: string) {
  const id = ulid();
  const created = '2026-11-20T09:00:00.000Z';
  const submitted = '2026-11-20T09:05:00.000Z';
  await shop.entities.order
    .create({
      id,
      reference: orderReference(id),
      customerId,
      state: 'PENDING',
      lines: [{ itemId, name: 'Old tea', quantity: 2, unitPriceCents: 250 }],
      comments: 'from before',
      createdYear: '2026',
      createdAt: created,
      updatedAt: submitted,
      version: 3,
    })
    .go();
  await shop.entities.orderEvent.create({ id, eventId: ulid(Date.parse(created)), to: 'CREATED', at: created, by: customerId, role: 'customer', comments: 'from before' }).go();
  await shop.entities.orderEvent.create({ id, eventId: ulid(Date.parse(submitted)), from: 'CREATED', to: 'PENDING', at: submitted, by: customerId, role: 'customer' }).go();
  return id;
}

describe('orders written before the history moved into the order item', () => {
  it('read the same through the API, and new transitions continue their history', async () => {
    const olga = await aCustomer('olga-old-form');
    const drink = await aDrink({ onHand: 10 });
    const orderId = await oldFormPendingOrder(olga.id, drink.id);

    const order = await invoke(getOrder, 'GET /v1/orders/{orderId}', { caller: olga, pathParameters: { orderId } });
    expect(order.body).toMatchObject({ state: 'PENDING', itemCount: 1, totalPrice: '5.00', comments: 'from before', version: 3 });
    const listed = await invoke(listOrders, 'GET /v1/orders', { caller: olga });
    expect(listed.body.items).toEqual([order.body]);
    const before = await invoke(history, 'GET /v1/orders/{orderId}/history', { caller: olga, pathParameters: { orderId } });
    expect(before.body.items).toEqual([
      { from: null, to: 'CREATED', at: '2026-11-20T09:00:00.000Z', by: olga.id, role: 'customer', comments: 'from before' },
      { from: 'CREATED', to: 'PENDING', at: '2026-11-20T09:05:00.000Z', by: olga.id, role: 'customer', comments: null },
    ]);

    const approved = await invoke(approve, 'POST /v1/orders/{orderId}/approve', { caller: STAFF, pathParameters: { orderId }, body: { comments: 'ok' } });
    expect(approved.statusCode, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body).toMatchObject({ state: 'APPROVED', fulfilment: 'PREPARING', version: 4 });
    expect(await onHandOf(drink.id)).toBe(8);
    const readied = await invoke(ready, 'POST /v1/orders/{orderId}/ready', { caller: STAFF, pathParameters: { orderId } });
    expect(readied.statusCode, JSON.stringify(readied.body)).toBe(200);

    const after = await invoke(history, 'GET /v1/orders/{orderId}/history', { caller: olga, pathParameters: { orderId } });
    expect(after.body.items.map(({ from, to, by, comments }: Record<string, unknown>) => ({ from, to, by, comments }))).toEqual([
      { from: null, to: 'CREATED', by: olga.id, comments: 'from before' },
      { from: 'CREATED', to: 'PENDING', by: olga.id, comments: null },
      { from: 'PENDING', to: 'APPROVED', by: STAFF.id, comments: 'ok' },
      { from: 'PREPARING', to: 'READY', by: STAFF.id, comments: null },
    ]);
  });
});
