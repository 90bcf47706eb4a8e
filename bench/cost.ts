import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalStack } from '../lib/local/stack';
import { ApiClient } from './api-client';
import { DynamoDbMeter, type Reading } from './dynamodb-meter';
import { setUpShop, type Shop } from './shop-setup';

/** On-demand prices in us-east-1 (USD per million request units) as of 2026-11. */
export const PRICE_PER_MILLION = { read: 0.125, write: 0.625 };

export interface EndpointCost {
  endpoint: string;
  calls: number;
  commands: string[];
  readUnits: number;
  writeUnits: number;
}

/** Calls an endpoint and records what its DynamoDB requests cost; `inLifecycle` also counts it in the order lifecycle's total. */
function costRecorder(api: ApiClient, meter: DynamoDbMeter) {
  const costs: EndpointCost[] = [];
  const lifecycle: EndpointCost[] = [];
  const measure = async (expected: number, endpoint: string, path: string, options: { token?: string; body?: unknown } = {}) => {
    meter.take();
    const reply = await api.expect(expected, endpoint, path, options);
    costs.push(costOf(endpoint, meter.take()));
    return reply.body;
  };
  const inLifecycle = async (...args: Parameters<typeof measure>) => {
    const body = await measure(...args);
    lifecycle.push(costs[costs.length - 1]);
    return body;
  };
  return { api, costs, lifecycle, measure, inLifecycle };
}

type Recorder = ReturnType<typeof costRecorder>;

async function measureCatalogueAndProfiles({ measure }: Recorder, shop: Shop) {
  const [customer] = shop.customerTokens;
  const employee = shop.employeeToken;
  const [drink] = shop.drinkIds;
  await measure(200, 'GET /v1/inventory', '/v1/inventory');
  await measure(200, 'GET /v1/inventory/{itemId}', `/v1/inventory/${drink}`);
  const created = await measure(201, 'POST /v1/inventory', '/v1/inventory', { token: employee, body: { name: 'Cost probe', type: 'TEA', price: '1.00' } });
  await measure(200, 'PATCH /v1/inventory/{itemId}', `/v1/inventory/${created.id}`, { token: employee, body: { price: '1.10' } });
  await measure(200, 'POST /v1/inventory/{itemId}/adjustments', `/v1/inventory/${created.id}/adjustments`, { token: employee, body: { delta: 5, reason: 'Count' } });
  await measure(204, 'DELETE /v1/inventory/{itemId}', `/v1/inventory/${created.id}`, { token: employee });
  const me = await measure(200, 'GET /v1/me', '/v1/me', { token: customer });
  await measure(200, 'PATCH /v1/me', '/v1/me', { token: customer, body: { address: '1 Bench Road' } });
  await measure(200, 'GET /v1/customers', '/v1/customers', { token: employee });
  await measure(200, 'GET /v1/customers/{customerId}', `/v1/customers/${me.id}`, { token: employee });
}

/** Create, three items, submit, approve (the lifecycle), with the reads and edits between. */
async function measureOrderLifecycle({ measure, inLifecycle }: Recorder, shop: Shop) {
  const [customer] = shop.customerTokens;
  const employee = shop.employeeToken;
  const [drink, other, third] = shop.drinkIds;
  const order = await inLifecycle(201, 'POST /v1/orders', '/v1/orders', { token: customer, body: {} });
  for (const itemId of [drink, other, third]) {
    await inLifecycle(201, 'POST /v1/orders/{orderId}/items', `/v1/orders/${order.id}/items`, { token: customer, body: { itemId, quantity: 2 } });
  }
  await measure(200, 'PATCH /v1/orders/{orderId}/items/{itemId}', `/v1/orders/${order.id}/items/${third}`, { token: customer, body: { quantity: 1 } });
  await measure(200, 'GET /v1/orders/{orderId}', `/v1/orders/${order.id}`, { token: customer });
  await measure(200, 'GET /v1/orders', '/v1/orders', { token: customer });
  await measure(200, 'GET /v1/orders', '/v1/orders?state=CREATED', { token: employee });
  await inLifecycle(200, 'POST /v1/orders/{orderId}/submit', `/v1/orders/${order.id}/submit`, { token: customer });
  await inLifecycle(200, 'POST /v1/orders/{orderId}/approve', `/v1/orders/${order.id}/approve`, { token: employee, body: {} });
  await measure(200, 'GET /v1/orders/{orderId}/history', `/v1/orders/${order.id}/history`, { token: customer });
}

/** Removing an item, cancelling, rejecting, the inbox and health, on orders set up unmetered. */
async function measureOtherEndpoints({ api, measure }: Recorder, shop: Shop) {
  const [customer] = shop.customerTokens;
  const employee = shop.employeeToken;
  const [drink] = shop.drinkIds;
  const toCancel = await api.expect(201, 'POST /v1/orders', '/v1/orders', { token: customer, body: {} });
  await api.expect(201, 'POST /v1/orders/{orderId}/items', `/v1/orders/${toCancel.body.id}/items`, { token: customer, body: { itemId: drink, quantity: 1 } });
  await measure(204, 'DELETE /v1/orders/{orderId}/items/{itemId}', `/v1/orders/${toCancel.body.id}/items/${drink}`, { token: customer });
  await measure(200, 'POST /v1/orders/{orderId}/cancel', `/v1/orders/${toCancel.body.id}/cancel`, { token: customer, body: {} });
  const toReject = await api.expect(201, 'POST /v1/orders', '/v1/orders', { token: customer, body: {} });
  await api.expect(201, 'POST /v1/orders/{orderId}/items', `/v1/orders/${toReject.body.id}/items`, { token: customer, body: { itemId: drink, quantity: 1 } });
  await api.expect(200, 'POST /v1/orders/{orderId}/submit', `/v1/orders/${toReject.body.id}/submit`, { token: customer });
  await measure(200, 'POST /v1/orders/{orderId}/reject', `/v1/orders/${toReject.body.id}/reject`, { token: employee, body: { comments: 'No' } });
  await measure(200, 'GET /v1/notifications', '/v1/notifications', { token: customer });
  await measure(200, 'POST /v1/notifications/read', '/v1/notifications/read', { token: customer, body: { all: true } });
  await measure(200, 'GET /v1/health', '/v1/health');
}

/**
 * Runs every endpoint once, in this process, against a fresh local stack without stream consumers
 * (their requests would mix with the endpoints'), metering the service's DynamoDB client.
 */
export async function measureCosts() {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-cost-'));
  const stack = await startLocalStack({ dataDir, port: 0, dynamodbPort: 0, cognitoPort: 0, lambdaPort: 0, consumers: [], logRequests: false });
  try {
    const { dynamodb } = await import('../functions/data/client');
    const meter = new DynamoDbMeter();
    meter.attach(dynamodb);
    const api = new ApiClient(stack.url);
    const shop = await setUpShop(api, 1);
    const recorder = costRecorder(api, meter);
    await measureCatalogueAndProfiles(recorder, shop);
    await measureOrderLifecycle(recorder, shop);
    await measureOtherEndpoints(recorder, shop);

    const { lifecycle } = recorder;
    const readUnits = lifecycle.reduce((sum, reading) => sum + reading.readUnits, 0);
    const writeUnits = lifecycle.reduce((sum, reading) => sum + reading.writeUnits, 0);
    const dollars = (readUnits * PRICE_PER_MILLION.read + writeUnits * PRICE_PER_MILLION.write) / 1_000_000;
    return { endpoints: recorder.costs, lifecycle: { steps: 'create, 3 items, submit, approve', readUnits, writeUnits, dollars } };
  } finally {
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function costOf(endpoint: string, reading: Reading): EndpointCost {
  return { endpoint, calls: reading.calls.length, commands: reading.calls, readUnits: reading.readUnits, writeUnits: reading.writeUnits };
}
