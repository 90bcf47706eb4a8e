import { describe, expect, it } from 'vitest';
import { saveEmployee } from '../../functions/data/employees';
import { handler as getCustomer } from '../../functions/http/customers/get';
import { handler as listCustomers } from '../../functions/http/customers/list';
import { handler as health } from '../../functions/http/health/get';
import { handler as adjustStock } from '../../functions/http/inventory/adjust';
import { handler as createItem } from '../../functions/http/inventory/create';
import { handler as getItem } from '../../functions/http/inventory/get';
import { handler as listItems } from '../../functions/http/inventory/list';
import { ulid } from 'ulid';
import { addToInbox } from '../../functions/data/notifications';
import { handler as getMe } from '../../functions/http/me/get';
import { handler as listNotifications } from '../../functions/http/notifications/list';
import { handler as markRead } from '../../functions/http/notifications/read';
import { handler as deliveryReport } from '../../functions/http/sms/delivery-report';
import { handler as patchMe } from '../../functions/http/me/patch';
import { handler as addItem } from '../../functions/http/orders/add-item';
import { handler as approve } from '../../functions/http/orders/approve';
import { handler as createOrder } from '../../functions/http/orders/create';
import { handler as getOrder } from '../../functions/http/orders/get';
import { handler as history } from '../../functions/http/orders/history';
import { handler as listOrders } from '../../functions/http/orders/list';
import { handler as submit } from '../../functions/http/orders/submit';
import { handler as updateItem } from '../../functions/http/orders/update-item';
import { invoke, type TestResponse } from '../fixtures/events';
import { aCustomer, aDrink, employee } from '../fixtures/shop';
import { documentValidator } from './document-schemas';

/*
 * Real responses of the handlers, run against DynamoDB Local, must be what the document says their
 * route answers: the body against the documented schema of that status and content type, and the
 * ETag header where the document promises one.
 */
const validator = documentValidator();

function expectDocumented(routeKey: string, response: TestResponse): void {
  const contentType = (response.headers['content-type'] ?? '').split(';')[0]!;
  const validate = validator.response(routeKey, response.statusCode, contentType);
  expect(validate(response.body), `${routeKey} ${response.statusCode}: ${validator.errorsOf(validate)}\n${JSON.stringify(response.body)}`).toBe(true);
  const [method, path] = routeKey.split(' ') as [string, string];
  const documented = validator.document.paths[path]![method.toLowerCase()]!.responses[String(response.statusCode)]!;
  // Where the ETag depends on the role, the views without a version carry none.
  const promisesEtag = Boolean((documented.headers as Record<string, unknown> | undefined)?.ETag);
  const forEveryone = !String(documented.description).includes('The ETag comes with');
  if (promisesEtag && (forEveryone || response.body.version !== undefined)) {
    expect(response.headers.etag, `${routeKey} ETag`).toBe(`"${response.body.version}"`);
  }
}

/** The validators must be able to fail: a body the document does not describe is refused. */
describe('the documented response schemas', () => {
  it('refuse what the service never answers', () => {
    const order = validator.response('GET /v1/orders/{orderId}', 200);
    expect(order({ id: 'x' })).toBe(false);
    const publicItem = validator.component('PublicInventoryItem');
    expect(
      publicItem({
        id: 'x',
        name: 'Tea',
        type: 'TEA',
        caffeinated: true,
        flavored: false,
        price: '1.00',
        state: 'AVAILABLE',
        createdAt: '2026-11-22T09:30:00.000Z',
        updatedAt: '2026-11-22T09:30:00.000Z',
        onHand: 3,
      }),
    ).toBe(false);
    const notFound = validator.response('GET /v1/orders/{orderId}', 404);
    expect(notFound({ type: 'https://x.example/p', title: 'Conflict', status: 409, detail: 'x', code: 'invalid_transition' })).toBe(false);
  });
});

describe('real responses match the document', () => {
  it('health', async () => {
    expectDocumented('GET /v1/health', await invoke(health, 'GET /v1/health'));
  });

  it('customer profiles, me for both roles, and the customer list', async () => {
    const alice = await aCustomer('doc-alice');
    const boss = employee('doc-employee');
    await saveEmployee({ id: boss.id, email: 'boss@example.com', name: 'Boss' });
    expectDocumented('GET /v1/me', await invoke(getMe, 'GET /v1/me', { caller: alice }));
    expectDocumented('GET /v1/me', await invoke(getMe, 'GET /v1/me', { caller: boss }));
    expectDocumented('PATCH /v1/me', await invoke(patchMe, 'PATCH /v1/me', { caller: alice, body: { address: '1 Kenyatta Avenue' } }));
    const profile = await invoke(getCustomer, 'GET /v1/customers/{customerId}', { caller: boss, pathParameters: { customerId: alice.id } });
    expect(profile.statusCode).toBe(200);
    expectDocumented('GET /v1/customers/{customerId}', profile);
    const page = await invoke(listCustomers, 'GET /v1/customers', { caller: boss, query: { limit: '1' } });
    expect(page.body.items).toHaveLength(1);
    expectDocumented('GET /v1/customers', page);
    expectDocumented('GET /v1/customers', await invoke(listCustomers, 'GET /v1/customers', { caller: boss, query: { code: profile.body.code } }));
  });

  it('an inventory item in the employee view and the public view, alone and in a page', async () => {
    const created = await invoke(createItem, 'POST /v1/inventory', {
      caller: employee(),
      body: { name: 'Doc Chai', type: 'TEA', price: '3.50', onHand: 2 },
    });
    expect(created.statusCode).toBe(201);
    expect(created.body).toHaveProperty('onHand', 2);
    expectDocumented('POST /v1/inventory', created);
    const itemId = created.body.id;
    const adjusted = await invoke(adjustStock, 'POST /v1/inventory/{itemId}/adjustments', {
      caller: employee(),
      pathParameters: { itemId },
      body: { delta: 5, reason: 'delivery' },
    });
    expectDocumented('POST /v1/inventory/{itemId}/adjustments', adjusted);
    const shortage = await invoke(adjustStock, 'POST /v1/inventory/{itemId}/adjustments', {
      caller: employee(),
      pathParameters: { itemId },
      body: { delta: -100, reason: 'spilled' },
    });
    expect(shortage.body).toMatchObject({ code: 'insufficient_stock', itemId, requested: 100, available: 7 });
    expectDocumented('POST /v1/inventory/{itemId}/adjustments', shortage);

    const anonymous = await invoke(getItem, 'GET /v1/inventory/{itemId}', { pathParameters: { itemId } });
    expect(anonymous.statusCode).toBe(200);
    expect(anonymous.body).not.toHaveProperty('onHand');
    expectDocumented('GET /v1/inventory/{itemId}', anonymous);
    expect(validator.component('PublicInventoryItem')(anonymous.body)).toBe(true);
    expect(validator.component('InventoryItem')(adjusted.body)).toBe(true);
    expect(validator.component('PublicInventoryItem')(adjusted.body)).toBe(false);

    const page = await invoke(listItems, 'GET /v1/inventory', { query: { type: 'TEA' } });
    expect(page.body.items.length).toBeGreaterThan(0);
    expectDocumented('GET /v1/inventory', page);
    expectDocumented('GET /v1/inventory/{itemId}', await invoke(getItem, 'GET /v1/inventory/{itemId}', { pathParameters: { itemId: 'nope' } }));
  });

  it('an order with items, its transitions, history and list', async () => {
    const alice = await aCustomer('doc-orderer');
    const latte = await aDrink({ priceCents: 640, onHand: 1 });
    const water = await aDrink({ priceCents: 150, onHand: 9 });
    const created = await invoke(createOrder, 'POST /v1/orders', { caller: alice, body: { comments: 'no sugar' } });
    expect(created.statusCode).toBe(201);
    expectDocumented('POST /v1/orders', created);
    const orderId = created.body.id;
    const path = { orderId };

    const line = await invoke(addItem, 'POST /v1/orders/{orderId}/items', { caller: alice, pathParameters: path, body: { itemId: latte.id, quantity: 2 } });
    expect(line.statusCode).toBe(201);
    expectDocumented('POST /v1/orders/{orderId}/items', line);
    await invoke(addItem, 'POST /v1/orders/{orderId}/items', { caller: alice, pathParameters: path, body: { itemId: water.id, quantity: 1 } });
    const duplicate = await invoke(addItem, 'POST /v1/orders/{orderId}/items', { caller: alice, pathParameters: path, body: { itemId: water.id, quantity: 1 } });
    expect(duplicate.body.code).toBe('duplicate_item');
    expectDocumented('POST /v1/orders/{orderId}/items', duplicate);
    const invalid = await invoke(addItem, 'POST /v1/orders/{orderId}/items', { caller: alice, pathParameters: path, body: { itemId: water.id, quantity: 0, colour: 'red' } });
    expect(invalid.statusCode).toBe(400);
    expectDocumented('POST /v1/orders/{orderId}/items', invalid);
    expectDocumented(
      'PATCH /v1/orders/{orderId}/items/{itemId}',
      await invoke(updateItem, 'PATCH /v1/orders/{orderId}/items/{itemId}', { caller: alice, pathParameters: { ...path, itemId: water.id }, body: { quantity: 3 } }),
    );

    const order = await invoke(getOrder, 'GET /v1/orders/{orderId}', { caller: alice, pathParameters: path });
    expect(order.body.items).toHaveLength(2);
    expectDocumented('GET /v1/orders/{orderId}', order);
    expectDocumented('POST /v1/orders/{orderId}/submit', await invoke(submit, 'POST /v1/orders/{orderId}/submit', { caller: alice, pathParameters: path }));
    const stale = await invoke(approve, 'POST /v1/orders/{orderId}/approve', { caller: employee(), pathParameters: path, headers: { 'if-match': '"1"' } });
    expect(stale.statusCode).toBe(412);
    expectDocumented('POST /v1/orders/{orderId}/approve', stale);
    const shortage = await invoke(approve, 'POST /v1/orders/{orderId}/approve', { caller: employee(), pathParameters: path });
    expect(shortage.body).toMatchObject({ code: 'insufficient_stock', itemId: latte.id });
    expectDocumented('POST /v1/orders/{orderId}/approve', shortage);
    const forbidden = await invoke(approve, 'POST /v1/orders/{orderId}/approve', { caller: alice, pathParameters: path });
    expect(forbidden.statusCode).toBe(403);
    expectDocumented('POST /v1/orders/{orderId}/approve', forbidden);
    const again = await invoke(submit, 'POST /v1/orders/{orderId}/submit', { caller: alice, pathParameters: path });
    expect(again.body).toMatchObject({ code: 'invalid_transition', currentState: 'PENDING' });
    expectDocumented('POST /v1/orders/{orderId}/submit', again);

    const events = await invoke(history, 'GET /v1/orders/{orderId}/history', { caller: alice, pathParameters: path });
    expect(events.body.items).toHaveLength(2);
    expectDocumented('GET /v1/orders/{orderId}/history', events);
    const mine = await invoke(listOrders, 'GET /v1/orders', { caller: alice });
    expect(mine.body.items).toHaveLength(1);
    expectDocumented('GET /v1/orders', mine);
    expectDocumented('GET /v1/orders', await invoke(listOrders, 'GET /v1/orders', { caller: employee(), query: { state: 'PENDING', limit: '2' } }));
    expectDocumented('GET /v1/orders', await invoke(listOrders, 'GET /v1/orders', { caller: alice, query: { state: 'LOST' } }));
    expectDocumented('GET /v1/orders/{orderId}', await invoke(getOrder, 'GET /v1/orders/{orderId}', { caller: employee(), pathParameters: { orderId: 'missing' } }));
    expectDocumented('GET /v1/orders/{orderId}', await invoke(getOrder, 'GET /v1/orders/{orderId}', { caller: { id: 'x', groups: '[]' }, pathParameters: path }));
  });

  it('the inbox, marking it read, and the SMS delivery-report callback', async () => {
    const reader = await aCustomer('doc-reader');
    const orderId = ulid();
    await addToInbox({ recipientId: reader.id, orderId, state: 'CREATED', message: 'Dear customer, your order has been created.', createdAt: new Date().toISOString() });
    const inbox = await invoke(listNotifications, 'GET /v1/notifications', { caller: reader, query: { limit: '5' } });
    expect(inbox.body).toMatchObject({ unreadCount: 1, items: [{ orderId, readAt: null }] });
    expectDocumented('GET /v1/notifications', inbox);
    const read = await invoke(markRead, 'POST /v1/notifications/read', { caller: reader, body: { all: true } });
    expect(read.body).toEqual({ unreadCount: 0 });
    expectDocumented('POST /v1/notifications/read', read);
    expectDocumented('GET /v1/notifications', await invoke(listNotifications, 'GET /v1/notifications', { caller: reader }));
    expectDocumented('POST /v1/notifications/read', await invoke(markRead, 'POST /v1/notifications/read', { caller: reader, body: { ids: [] } }));

    process.env.SMS_CALLBACK_SECRET = 'doc-callback-secret';
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const body = new URLSearchParams({ id: 'ATXid_unknown', status: 'Success', phoneNumber: '+254722000000' }).toString();
    const received = await invoke(deliveryReport, 'POST /v1/sms/delivery-reports', { body, headers: form, query: { token: 'doc-callback-secret' } });
    expect(received.statusCode).toBe(200);
    expectDocumented('POST /v1/sms/delivery-reports', received);
    const refused = await invoke(deliveryReport, 'POST /v1/sms/delivery-reports', { body, headers: form, query: { token: 'wrong' } });
    expect(refused.statusCode).toBe(401);
    expectDocumented('POST /v1/sms/delivery-reports', refused);
  });
});
