import type { ApiClient } from './api-client';
import type { Shop } from './shop-setup';
import type { Ledger } from './workload';

interface OrderView {
  id: string;
  state: string;
  itemCount: number;
  handledBy: string | null;
  reviewedAt: string | null;
  fulfilment: 'PREPARING' | 'READY' | 'DELIVERED' | null;
}

async function allOrders(api: ApiClient, token: string): Promise<OrderView[]> {
  const orders: OrderView[] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `?limit=100&cursor=${encodeURIComponent(cursor)}` : '?limit=100';
    const { body } = await api.expect(200, 'GET /v1/orders', `/v1/orders${query}`, { token });
    orders.push(...body.items);
    cursor = body.nextCursor;
  } while (cursor);
  return orders;
}

function impossible(order: OrderView): string | null {
  const reviewed = order.state === 'APPROVED' || order.state === 'REJECTED';
  if (reviewed !== (order.handledBy !== null && order.reviewedAt !== null)) return 'review fields do not match the state';
  if ((order.state === 'APPROVED' || order.state === 'PENDING') && order.itemCount === 0) return `${order.state} without items`;
  if ((order.state === 'APPROVED') !== (order.fulfilment !== null)) return 'fulfilment does not match the state';
  return null;
}

async function waitForOutbox(api: ApiClient, expected: number, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await api.expect(200, 'GET /_local/sms-outbox', '/_local/sms-outbox');
    if (body.items.length >= expected || Date.now() > deadline) return body.items as { orderId: string; state: string }[];
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** What must hold after the load: stock exactly accounted, no impossible order, one SMS per event. */
export async function checkInvariants(api: ApiClient, shop: Shop, ledger: Ledger) {
  const token = shop.employeeToken;
  const stock = [];
  for (const itemId of shop.drinkIds) {
    const { body } = await api.expect(200, 'GET /v1/inventory/{itemId}', `/v1/inventory/${itemId}`, { token });
    const deducted = shop.initialStock.get(itemId)! - body.onHand;
    stock.push({ itemId, deducted, approved: ledger.approvedQuantities.get(itemId) ?? 0 });
  }
  const orders = await allOrders(api, token);
  const impossibleOrders = orders.map((order) => ({ id: order.id, problem: impossible(order) })).filter((order) => order.problem);
  // Each order was created (one event); the load never cancels, so past CREATED an order was submitted (PENDING) and maybe reviewed.
  // Approved orders may also have been marked READY, then DELIVERED.
  const stepsOf = (order: OrderView) =>
    order.fulfilment === 'DELIVERED' ? [`${order.id}:READY`, `${order.id}:DELIVERED`] : order.fulfilment === 'READY' ? [`${order.id}:READY`] : [];
  const expectedEvents = new Set(orders.flatMap((order) => [`${order.id}:CREATED`, ...(order.state === 'CREATED' ? [] : order.state === 'PENDING' ? [`${order.id}:PENDING`] : [`${order.id}:PENDING`, `${order.id}:${order.state}`, ...stepsOf(order)])]));
  const outbox = (await waitForOutbox(api, expectedEvents.size, 60_000)).filter((sms) => ledger.orderIds.has(sms.orderId));
  const sent = outbox.map((sms) => `${sms.orderId}:${sms.state}`);
  
  const sentSet = new Set(sent);
  const duplicates = sent.length - sentSet.size;
  const missing = [...expectedEvents].filter((event) => !sentSet.has(event)).length;
  return {
    stockAccounted: stock.every((line) => line.deducted === line.approved),
    stock,
    orders: orders.length,
    ordersCreatedByLoad: ledger.orderIds.size,
    impossibleOrders,
    sms: { expected: expectedEvents.size, sent: sent.length, duplicates, missing },
  };
}
