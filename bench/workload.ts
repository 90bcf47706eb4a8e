import type { ApiClient } from './api-client';
import type { Shop } from './shop-setup';

/** What the load did, for the invariants checked afterwards. */
export interface Ledger {
  approvedQuantities: Map<string, number>;
  orderIds: Set<string>;
}

const pick = <T>(values: T[]) => values[Math.floor(Math.random() * values.length)];
const sample = <T>(values: T[], count: number) => [...values].sort(() => Math.random() - 0.5).slice(0, count);

/** A customer's visit: the menu, a new order with 1-5 drinks, submit, then reading it back. */
async function customerVisit(api: ApiClient, shop: Shop, token: string, ledger: Ledger): Promise<void> {
  await api.expect(200, 'GET /v1/inventory', '/v1/inventory', { token });
  const { body: order } = await api.expect(201, 'POST /v1/orders', '/v1/orders', { token, body: {} });
  ledger.orderIds.add(order.id);
  for (const itemId of sample(shop.drinkIds, 1 + Math.floor(Math.random() * 5))) {
    await api.expect(201, 'POST /v1/orders/{orderId}/items', `/v1/orders/${order.id}/items`, {
      token,
      body: { itemId, quantity: 1 + Math.floor(Math.random() * 3) },
    });
  }
  await api.expect(200, 'POST /v1/orders/{orderId}/submit', `/v1/orders/${order.id}/submit`, { token });
  await api.expect(200, 'GET /v1/orders/{orderId}', `/v1/orders/${order.id}`, { token });
  await api.expect(200, 'GET /v1/orders', '/v1/orders?limit=10', { token });
}

/** Someone browsing the menu without signing in. */
async function anonymousVisit(api: ApiClient, shop: Shop): Promise<void> {
  await api.expect(200, 'GET /v1/inventory', '/v1/inventory');
  await api.expect(200, 'GET /v1/inventory/{itemId}', `/v1/inventory/${pick(shop.drinkIds)}`);
}

/**
 * An employee working the PENDING queue. Employees split the queue by order id so that two of them
 * never review the same order: every answer of the load is then a success.
 */
async function employeeShift(api: ApiClient, shop: Shop, ledger: Ledger, lane: number, lanes: number): Promise<void> {
  const token = shop.employeeToken;
  const inLane = (order: { id: string }) => parseInt(order.id.slice(-2), 32) % lanes === lane;
  const { body: queue } = await api.expect(200, 'GET /v1/orders', '/v1/orders?state=PENDING&sort=oldest&limit=20', { token });
  const mine = (queue.items as { id: string; items: { itemId: string; quantity: number }[] }[]).filter(inLane);
  await fulfilOne(api, token, inLane);
  if (mine.length === 0) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    return;
  }
  for (const order of mine.slice(0, 3)) {
    if (Math.random() < 0.8) {
      await api.expect(200, 'POST /v1/orders/{orderId}/approve', `/v1/orders/${order.id}/approve`, { token, body: {} });
      for (const line of order.items) ledger.approvedQuantities.set(line.itemId, (ledger.approvedQuantities.get(line.itemId) ?? 0) + line.quantity);
    } else {
      await api.expect(200, 'POST /v1/orders/{orderId}/reject', `/v1/orders/${order.id}/reject`, { token, body: { comments: 'Out of cups' } });
    }
  }
  await api.expect(200, 'GET /v1/orders/{orderId}/history', `/v1/orders/${pick(mine).id}/history`, { token });
  await api.expect(200, 'GET /v1/orders/{orderId}/notifications', `/v1/orders/${pick(mine).id}/notifications`, { token });
  await api.expect(200, 'GET /v1/customers', `/v1/customers?q=${encodeURIComponent(pick(['bench cust', 'customer', '+2547', '25470000001']))}&limit=10`, { token });
}

/** The boards: the oldest order of the lane that is being prepared is marked ready, the oldest ready one delivered. */
async function fulfilOne(api: ApiClient, token: string, inLane: (order: { id: string }) => boolean): Promise<void> {
  for (const [step, action] of [['READY', 'deliver'], ['PREPARING', 'ready']] as const) {
    const { body: board } = await api.expect(200, 'GET /v1/orders', `/v1/orders?fulfilment=${step}&sort=oldest&limit=10`, { token });
    const order = (board.items as { id: string }[]).find(inLane);
    if (order) await api.expect(200, `POST /v1/orders/{orderId}/${action}`, `/v1/orders/${order.id}/${action}`, { token, body: {} });
  }
}

/** `users` virtual users for `seconds`: one anonymous, two employees, the rest customers. */
export async function runWorkload(api: ApiClient, shop: Shop, users: number, seconds: number): Promise<Ledger> {
  const ledger: Ledger = { approvedQuantities: new Map(), orderIds: new Set() };
  const deadline = Date.now() + seconds * 1000;
  const employees = 2;
  const loop = async (visit: () => Promise<void>) => {
    while (Date.now() < deadline) await visit();
  };
  const virtualUsers = Array.from({ length: users }, (_, index) => {
    if (index === 0) return loop(() => anonymousVisit(api, shop));
    if (index <= employees) return loop(() => employeeShift(api, shop, ledger, index - 1, employees));
    return loop(() => customerVisit(api, shop, shop.customerTokens[(index - employees - 1) % shop.customerTokens.length], ledger));
  });
  await Promise.all(virtualUsers);
  return ledger;
}
