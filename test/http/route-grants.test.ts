import { describe, expect, it } from 'vitest';
import { handler as createOrder } from '../../functions/http/orders/create';
import { handler as addItem } from '../../functions/http/orders/add-item';
import { handler as submit } from '../../functions/http/orders/submit';
import { handler as approve } from '../../functions/http/orders/approve';
import { handler as listOrders } from '../../functions/http/orders/list';
import { httpEvent, invoke, lambdaContext } from '../fixtures/events';
import { aCustomer, aDrink, employee } from '../fixtures/shop';
import { asRoute, recordedRequests, ungrantedRequests, type DynamoDbRequest } from '../support/route-requests';

/*
 * The proof that each route's grants cover what its handler does is in every test file: after
 * each, test/support/per-file-env.ts checks every DynamoDB request a handler made against the
 * grants CDK derives from its route's declaration. These tests show that check sees what IAM sees
 * and refuses what a route was not granted.
 */

const STAFF = employee('grants-staff');

async function aPendingOrder() {
  await aCustomer('grants-customer');
  const drink = await aDrink({ onHand: 10 });
  const order = await invoke(createOrder, 'POST /v1/orders', { caller: STAFF, body: { customerId: 'grants-customer' } });
  const orderId: string = order.body.id;
  await invoke(addItem, 'POST /v1/orders/{orderId}/items', { caller: STAFF, pathParameters: { orderId }, body: { itemId: drink.id, quantity: 2 } });
  await invoke(submit, 'POST /v1/orders/{orderId}/submit', { caller: STAFF, pathParameters: { orderId } });
  return orderId;
}

describe("a route's DynamoDB requests, as IAM checks them", () => {
  it('records a transaction as the item actions IAM checks, on the table, and finds them granted', async () => {
    const orderId = await aPendingOrder();
    expect((await invoke(approve, 'POST /v1/orders/{orderId}/approve', { caller: STAFF, pathParameters: { orderId } })).statusCode).toBe(200);
    const approved = new Set(recordedRequests().get('POST /v1/orders/{orderId}/approve')!.map((request) => request.action));
    // The order's read, then one TransactWriteItems: the order and the stock updated, the history event put.
    expect([...approved].sort()).toEqual(['GetItem', 'PutItem', 'UpdateItem']);
    expect(ungrantedRequests()).toEqual([]);
  });

  it("flags the writes of a handler run under a route granted only reads by key", async () => {
    const orderId = await aPendingOrder();
    const requests = new Map<string, DynamoDbRequest[]>();
    const event = httpEvent('POST /v1/orders/{orderId}/approve', { caller: STAFF, pathParameters: { orderId } });
    await asRoute('GET /v1/orders/{orderId}', () => approve(event, lambdaContext()), requests);
    expect(ungrantedRequests(requests)).toEqual(['GET /v1/orders/{orderId}: PutItem service', 'GET /v1/orders/{orderId}: UpdateItem service']);
  });

  it('flags a query of an index the route does not query', async () => {
    const requests = new Map<string, DynamoDbRequest[]>();
    const event = httpEvent('GET /v1/orders', { caller: STAFF, query: { state: 'PENDING' } });
    // The menu queries gsi1 only; orders by state are on gsi2.
    await asRoute('GET /v1/inventory', () => listOrders(event, lambdaContext()), requests);
    expect(ungrantedRequests(requests)).toEqual(['GET /v1/inventory: Query service/index/gsi2']);
  });
});
