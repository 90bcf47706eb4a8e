import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { handler as addItem } from '../../functions/http/orders/add-item';
import { handler as approve } from '../../functions/http/orders/approve';
import { handler as createOrder } from '../../functions/http/orders/create';
import { handler as reject } from '../../functions/http/orders/reject';
import { handler as submit } from '../../functions/http/orders/submit';
import { businessMetrics } from '../../functions/platform/business-metrics';
import { invoke } from '../fixtures/events';
import { aCustomer, aDrink, employee } from '../fixtures/shop';

/** The EMF documents the functions would write to their log, one per invocation that counted something. */
let written: { [metric: string]: unknown; _aws: { CloudWatchMetrics: { Metrics: { Name: string }[] }[] } }[] = [];

beforeEach(() => {
  written = [];
  vi.spyOn(businessMetrics, 'publishStoredMetrics').mockImplementation(() => {
    written.push(businessMetrics.serializeMetrics() as never);
    businessMetrics.clearMetrics();
    return businessMetrics;
  });
});
afterEach(() => vi.restoreAllMocks());

const counted = () => written.flatMap((document) => document._aws.CloudWatchMetrics.flatMap((entry) => entry.Metrics.map((metric) => metric.Name)));

async function pendingOrder(customerId: string): Promise<string> {
  const caller = await aCustomer(customerId);
  const drink = await aDrink({ onHand: 5 });
  const created = await invoke(createOrder, 'POST /v1/orders', { caller, body: {} });
  const path = { orderId: created.body.id as string };
  await invoke(addItem, 'POST /v1/orders/{orderId}/items', { caller, pathParameters: path, body: { itemId: drink.id, quantity: 1 } });
  await invoke(submit, 'POST /v1/orders/{orderId}/submit', { caller, pathParameters: path });
  return path.orderId;
}

describe('business metrics', () => {
  it('counts an order created once, and not again on an idempotent replay', async () => {
    const caller = await aCustomer('metrics-a');
    const headers = { 'idempotency-key': 'metrics-create-1' };
    expect((await invoke(createOrder, 'POST /v1/orders', { caller, body: {}, headers })).statusCode).toBe(201);
    expect((await invoke(createOrder, 'POST /v1/orders', { caller, body: {}, headers })).statusCode).toBe(201);
    expect(counted()).toEqual(['OrdersCreated']);
    expect(written[0]).toMatchObject({ OrdersCreated: 1, service: 'orders' });
  });

  it('counts approvals and rejections, and nothing for a refused transition', async () => {
    const approved = await pendingOrder('metrics-b');
    const rejected = await pendingOrder('metrics-c');
    written = [];
    expect((await invoke(approve, 'POST /v1/orders/{orderId}/approve', { caller: employee(), pathParameters: { orderId: approved }, body: {} })).statusCode).toBe(200);
    expect((await invoke(reject, 'POST /v1/orders/{orderId}/reject', { caller: employee(), pathParameters: { orderId: rejected }, body: { comments: 'Out of oat milk' } })).statusCode).toBe(200);
    // Already approved: 409, counted nowhere.
    expect((await invoke(approve, 'POST /v1/orders/{orderId}/approve', { caller: employee(), pathParameters: { orderId: approved }, body: {} })).statusCode).toBe(409);
    expect(counted()).toEqual(['OrdersApproved', 'OrdersRejected']);
  });
});
