import { beforeAll, describe, expect, it } from 'vitest';
import type { OrderState } from '../../functions/core/order-states';
import { getOrder as readOrder } from '../../functions/data/orders';
import { handler as addItem } from '../../functions/http/orders/add-item';
import { handler as approve } from '../../functions/http/orders/approve';
import { handler as cancel } from '../../functions/http/orders/cancel';
import { handler as createOrder } from '../../functions/http/orders/create';
import { handler as getOrder } from '../../functions/http/orders/get';
import { handler as history } from '../../functions/http/orders/history';
import { handler as reject } from '../../functions/http/orders/reject';
import { handler as removeItem } from '../../functions/http/orders/remove-item';
import { handler as submit } from '../../functions/http/orders/submit';
import { handler as updateItem } from '../../functions/http/orders/update-item';
import { invoke, type EventOptions, type TestResponse } from '../fixtures/events';
import { aCustomer, aDrink, customer, employee, onHandOf } from '../fixtures/shop';

type Handler = Parameters<typeof invoke>[0];
type AnyCaller = EventOptions['caller'];

const ALICE = customer('alice');
const BOB = customer('bob');
const STAFF = employee('emp-1');
const MISSING_ORDER = '01JZZZZZZZZZZZZZZZZZZZZZZZ';

let plenty: { id: string; name: string };
let other: { id: string; name: string };

beforeAll(async () => {
  await aCustomer('alice');
  await aCustomer('bob');
  plenty = await aDrink({ name: 'Plenty latte', priceCents: 640, onHand: 1_000_000 });
  other = await aDrink({ name: 'Other tea', priceCents: 250, onHand: 1_000_000 });
});

/** Every problem: problem+json with type, title, status, detail, code (contract section 2), never a stack trace. */
function expectProblem(response: TestResponse, status: number, code: string, extras: Record<string, unknown> = {}) {
  expect(response.statusCode, JSON.stringify(response.body)).toBe(status);
  expect(response.headers['content-type']).toBe('application/problem+json');
  expect(response.body).toMatchObject({
    type: expect.any(String),
    title: expect.any(String),
    status,
    detail: expect.any(String),
    code,
    ...extras,
  });
  expect(response.body.detail.trim()).not.toBe('');
  expect(response.body.title.trim()).not.toBe('');
  if (code === 'validation_failed') {
    expect(response.body.errors).toEqual(expect.arrayContaining([{ path: expect.any(String), message: expect.any(String) }]));
  }
  expect(JSON.stringify(response.body)).not.toMatch(/\s+at .+\.(ts|js|mjs):\d+/);
}

const orderPath = (orderId: string) => ({ pathParameters: { orderId } });
const linePath = (orderId: string, itemId: string) => ({ pathParameters: { orderId, itemId } });
const ifMatch = (version: number) => ({ headers: { 'if-match': `"${version}"` } });

async function created(caller: AnyCaller = ALICE, body: Record<string, unknown> = {}) {
  const response = await invoke(createOrder, 'POST /v1/orders', { caller, body });
  expect(response.statusCode, JSON.stringify(response.body)).toBe(201);
  return response.body as { id: string; version: number };
}

async function added(orderId: string, itemId: string, quantity = 1, caller: AnyCaller = ALICE, extra: Record<string, unknown> = {}) {
  const response = await invoke(addItem, 'POST /v1/orders/{orderId}/items', { caller, ...orderPath(orderId), body: { itemId, quantity, ...extra } });
  expect(response.statusCode, JSON.stringify(response.body)).toBe(201);
  return response.body;
}

const transitions = {
  submit: { handler: submit, key: 'POST /v1/orders/{orderId}/submit', body: undefined },
  approve: { handler: approve, key: 'POST /v1/orders/{orderId}/approve', body: undefined },
  reject: { handler: reject, key: 'POST /v1/orders/{orderId}/reject', body: { comments: 'Not today' } },
  cancel: { handler: cancel, key: 'POST /v1/orders/{orderId}/cancel', body: undefined },
} satisfies Record<string, { handler: Handler; key: string; body: unknown }>;
type Action = keyof typeof transitions;

async function act(action: Action, orderId: string, options: Omit<EventOptions, 'pathParameters'> = {}) {
  const { handler, key, body } = transitions[action];
  const caller = options.caller ?? (action === 'approve' || action === 'reject' ? STAFF : ALICE);
  return invoke(handler, key, { body, ...options, caller, ...orderPath(orderId) });
}

async function acted(action: Action, orderId: string) {
  const response = await act(action, orderId);
  expect(response.statusCode, `${action}: ${JSON.stringify(response.body)}`).toBe(200);
  return response.body;
}

/** A fresh order of alice's in `state`, holding one line of `plenty` unless `empty`. */
async function orderIn(state: OrderState, { empty = false } = {}): Promise<string> {
  const { id } = await created();
  if (!empty) await added(id, plenty.id, 1);
  if (state === 'PENDING' || state === 'APPROVED' || state === 'REJECTED') await acted('submit', id);
  if (state === 'APPROVED') await acted('approve', id);
  if (state === 'REJECTED') await acted('reject', id);
  if (state === 'CANCELED') await acted('cancel', id);
  return id;
}

const snapshot = async (orderId: string) => {
  const order = await readOrder(orderId);
  return order && { state: order.state, version: order.version, lines: order.lines, comments: order.comments, handledBy: order.handledBy };
};

const versionOf = async (orderId: string) => (await readOrder(orderId))!.version;

describe('invalid_transition', () => {
  const illegal: [Action, OrderState][] = [
    ['submit', 'PENDING'],
    ['submit', 'APPROVED'],
    ['submit', 'REJECTED'],
    ['submit', 'CANCELED'],
    ['approve', 'CREATED'],
    ['approve', 'APPROVED'],
    ['approve', 'REJECTED'],
    ['approve', 'CANCELED'],
    ['reject', 'CREATED'],
    ['reject', 'APPROVED'],
    ['reject', 'REJECTED'],
    ['reject', 'CANCELED'],
    ['cancel', 'APPROVED'],
    ['cancel', 'REJECTED'],
    ['cancel', 'CANCELED'],
  ];

  it.each(illegal)('%s on a %s order → 409 invalid_transition with currentState, nothing changed', async (action, state) => {
    const orderId = await orderIn(state);
    const before = await snapshot(orderId);
    const response = await act(action, orderId);
    expectProblem(response, 409, 'invalid_transition', { currentState: state });
    expect(await snapshot(orderId)).toEqual(before);
  });

  it('an employee cancels a PENDING order (legal) and the comments replace the order’s', async () => {
    const { id } = await created(ALICE, { comments: 'first' });
    await added(id, plenty.id);
    await acted('submit', id);
    const response = await act('cancel', id, { caller: STAFF, body: { comments: 'customer called' } });
    expect(response.statusCode).toBe(200);
    expect(response.body).toMatchObject({ state: 'CANCELED', comments: 'customer called', handledBy: null, reviewedAt: null });
  });
});

describe('order_not_editable', () => {
  const operations = {
    'add an item': (orderId: string) => invoke(addItem, 'POST /v1/orders/{orderId}/items', { caller: ALICE, ...orderPath(orderId), body: { itemId: other.id, quantity: 1 } }),
    'change a line': (orderId: string) =>
      invoke(updateItem, 'PATCH /v1/orders/{orderId}/items/{itemId}', { caller: ALICE, ...linePath(orderId, plenty.id), body: { quantity: 2 } }),
    'remove a line': (orderId: string) => invoke(removeItem, 'DELETE /v1/orders/{orderId}/items/{itemId}', { caller: ALICE, ...linePath(orderId, plenty.id) }),
  };
  const cases = (['APPROVED', 'REJECTED', 'CANCELED'] as const).flatMap((state) =>
    (Object.keys(operations) as (keyof typeof operations)[]).map((operation) => [operation, state] as const),
  );

  it.each(cases)('%s on a %s order → 409 order_not_editable with currentState, nothing changed', async (operation, state) => {
    const orderId = await orderIn(state);
    const before = await snapshot(orderId);
    expectProblem(await operations[operation](orderId), 409, 'order_not_editable', { currentState: state });
    expect(await snapshot(orderId)).toEqual(before);
  });

  it('an employee gets the same answer', async () => {
    const orderId = await orderIn('APPROVED');
    const response = await invoke(addItem, 'POST /v1/orders/{orderId}/items', { caller: STAFF, ...orderPath(orderId), body: { itemId: other.id, quantity: 1 } });
    expectProblem(response, 409, 'order_not_editable', { currentState: 'APPROVED' });
  });

  it('item changes in PENDING are allowed (add, change, remove) and keep the order PENDING', async () => {
    const orderId = await orderIn('PENDING');
    expect((await invoke(addItem, 'POST /v1/orders/{orderId}/items', { caller: ALICE, ...orderPath(orderId), body: { itemId: other.id, quantity: 1 } })).statusCode).toBe(201);
    expect((await invoke(updateItem, 'PATCH /v1/orders/{orderId}/items/{itemId}', { caller: ALICE, ...linePath(orderId, other.id), body: { quantity: 4 } })).statusCode).toBe(200);
    expect((await invoke(removeItem, 'DELETE /v1/orders/{orderId}/items/{itemId}', { caller: ALICE, ...linePath(orderId, plenty.id) })).statusCode).toBe(204);
    const order = await snapshot(orderId);
    expect(order).toMatchObject({ state: 'PENDING', lines: [expect.objectContaining({ itemId: other.id, quantity: 4 })] });
  });
});

describe('adding items: duplicate_item, out_of_stock, unknown_item', () => {
  it('the same item twice → 409 duplicate_item, the first line kept', async () => {
    const orderId = await orderIn('CREATED');
    const before = await snapshot(orderId);
    const response = await invoke(addItem, 'POST /v1/orders/{orderId}/items', { caller: ALICE, ...orderPath(orderId), body: { itemId: plenty.id, quantity: 5 } });
    expectProblem(response, 409, 'duplicate_item');
    expect(await snapshot(orderId)).toEqual(before);
  });

  it('an item removed from the order can be added again', async () => {
    const orderId = await orderIn('CREATED');
    expect((await invoke(removeItem, 'DELETE /v1/orders/{orderId}/items/{itemId}', { caller: ALICE, ...linePath(orderId, plenty.id) })).statusCode).toBe(204);
    await added(orderId, plenty.id, 2);
  });

  it('an item with onHand 0 → 409 out_of_stock', async () => {
    const empty = await aDrink({ onHand: 0 });
    const orderId = await orderIn('CREATED', { empty: true });
    const response = await invoke(addItem, 'POST /v1/orders/{orderId}/items', { caller: ALICE, ...orderPath(orderId), body: { itemId: empty.id, quantity: 1 } });
    expectProblem(response, 409, 'out_of_stock');
    expect((await snapshot(orderId))?.lines).toEqual([]);
  });

  it('more than onHand can be added (nothing is reserved before approval)', async () => {
    const few = await aDrink({ onHand: 1 });
    const orderId = await orderIn('CREATED', { empty: true });
    const line = await added(orderId, few.id, 1000);
    expect(line.quantity).toBe(1000);
    expect(await onHandOf(few.id)).toBe(1);
  });

  it('an item that does not exist → 422 unknown_item', async () => {
    const orderId = await orderIn('CREATED', { empty: true });
    const response = await invoke(addItem, 'POST /v1/orders/{orderId}/items', {
      caller: ALICE,
      ...orderPath(orderId),
      body: { itemId: '01JNOSUCHITEM0000000000000', quantity: 1 },
    });
    expectProblem(response, 422, 'unknown_item');
    expect((await snapshot(orderId))?.lines).toEqual([]);
  });

  it('an archived item → 422 unknown_item', async () => {
    const archived = await aDrink({ listing: 'archived', onHand: 50 });
    const orderId = await orderIn('CREATED', { empty: true });
    const response = await invoke(addItem, 'POST /v1/orders/{orderId}/items', { caller: STAFF, ...orderPath(orderId), body: { itemId: archived.id, quantity: 1 } });
    expectProblem(response, 422, 'unknown_item');
    expect((await snapshot(orderId))?.lines).toEqual([]);
  });

  it('an order id as itemId → 422 unknown_item', async () => {
    const orderId = await orderIn('CREATED', { empty: true });
    const response = await invoke(addItem, 'POST /v1/orders/{orderId}/items', { caller: ALICE, ...orderPath(orderId), body: { itemId: orderId, quantity: 1 } });
    expectProblem(response, 422, 'unknown_item');
  });

  it('copies name and unit price from the inventory item', async () => {
    const orderId = await orderIn('CREATED', { empty: true });
    const line = await added(orderId, other.id, 2);
    expect(line).toEqual({ itemId: other.id, name: 'Other tea', quantity: 2, unitPrice: '2.50', totalPrice: '5.00' });
  });
});

describe('order_empty', () => {
  it('submit of an empty CREATED order → 422 order_empty', async () => {
    const orderId = await orderIn('CREATED', { empty: true });
    const before = await snapshot(orderId);
    expectProblem(await act('submit', orderId), 422, 'order_empty');
    expect(await snapshot(orderId)).toEqual(before);
  });

  async function emptiedWhilePending() {
    const orderId = await orderIn('PENDING');
    expect((await invoke(removeItem, 'DELETE /v1/orders/{orderId}/items/{itemId}', { caller: ALICE, ...linePath(orderId, plenty.id) })).statusCode).toBe(204);
    return orderId;
  }

  it('approve of an order emptied while PENDING → 422 order_empty', async () => {
    const orderId = await emptiedWhilePending();
    const before = await snapshot(orderId);
    expectProblem(await act('approve', orderId), 422, 'order_empty');
    expect(await snapshot(orderId)).toEqual(before);
  });

  it('reject of an order emptied while PENDING succeeds', async () => {
    const orderId = await emptiedWhilePending();
    const response = await act('reject', orderId, { body: { comments: 'Nothing left on it' } });
    expect(response.statusCode, JSON.stringify(response.body)).toBe(200);
    expect(response.body).toMatchObject({ state: 'REJECTED', itemCount: 0, totalPrice: '0.00', comments: 'Nothing left on it', handledBy: 'emp-1' });
  });

  it('cancel of an empty order succeeds', async () => {
    const orderId = await orderIn('CREATED', { empty: true });
    expect((await act('cancel', orderId)).body).toMatchObject({ state: 'CANCELED' });
  });
});

describe('insufficient_stock on approve', () => {
  it('names the short item with requested and available, and changes nothing at all', async () => {
    const stocked = await aDrink({ onHand: 10 });
    const short = await aDrink({ onHand: 1 });
    const alsoStocked = await aDrink({ onHand: 4 });
    const { id: orderId } = await created();
    await added(orderId, stocked.id, 3);
    await added(orderId, short.id, 2);
    await added(orderId, alsoStocked.id, 4);
    await acted('submit', orderId);
    const before = await snapshot(orderId);
    const historyBefore = (await invoke(history, 'GET /v1/orders/{orderId}/history', { caller: STAFF, ...orderPath(orderId) })).body;

    const response = await act('approve', orderId);
    expectProblem(response, 409, 'insufficient_stock', { itemId: short.id, requested: 2, available: 1 });

    expect(await snapshot(orderId)).toEqual(before);
    expect(before).toMatchObject({ state: 'PENDING' });
    const read = await invoke(getOrder, 'GET /v1/orders/{orderId}', { caller: STAFF, ...orderPath(orderId) });
    expect(read.body).toMatchObject({ state: 'PENDING', handledBy: null, reviewedAt: null, version: before!.version });
    expect(await onHandOf(stocked.id)).toBe(10);
    expect(await onHandOf(short.id)).toBe(1);
    expect(await onHandOf(alsoStocked.id)).toBe(4);
    expect((await invoke(history, 'GET /v1/orders/{orderId}/history', { caller: STAFF, ...orderPath(orderId) })).body).toEqual(historyBefore);
  });

  it('the order can be approved once the line fits the stock, deducting every line exactly', async () => {
    const stocked = await aDrink({ onHand: 10 });
    const short = await aDrink({ onHand: 1 });
    const { id: orderId } = await created();
    await added(orderId, stocked.id, 3);
    await added(orderId, short.id, 2);
    await acted('submit', orderId);
    expect((await act('approve', orderId)).statusCode).toBe(409);
    expect((await invoke(updateItem, 'PATCH /v1/orders/{orderId}/items/{itemId}', { caller: ALICE, ...linePath(orderId, short.id), body: { quantity: 1 } })).statusCode).toBe(200);
    expect((await act('approve', orderId)).body).toMatchObject({ state: 'APPROVED' });
    expect(await onHandOf(stocked.id)).toBe(7);
    expect(await onHandOf(short.id)).toBe(0);
  });

  it('exactly onHand is enough', async () => {
    const exact = await aDrink({ onHand: 5 });
    const { id: orderId } = await created();
    await added(orderId, exact.id, 5);
    await acted('submit', orderId);
    expect((await act('approve', orderId)).statusCode).toBe(200);
    expect(await onHandOf(exact.id)).toBe(0);
  });
});

describe('If-Match and ETag', () => {
  it('ETag is the quoted version on create, read and transitions', async () => {
    const create = await invoke(createOrder, 'POST /v1/orders', { caller: ALICE, body: {} });
    expect(create.headers.etag).toBe('"1"');
    const orderId = create.body.id;
    await added(orderId, plenty.id);
    const read = await invoke(getOrder, 'GET /v1/orders/{orderId}', { caller: ALICE, ...orderPath(orderId) });
    expect(read.body.version).toBe(2);
    expect(read.headers.etag).toBe('"2"');
    const submitted = await act('submit', orderId, ifMatch(2));
    expect(submitted.statusCode).toBe(200);
    expect(submitted.headers.etag).toBe(`"${submitted.body.version}"`);
    expect(submitted.body.version).toBe(3);
  });

  type Prepared = { orderId: string; send: (headers: Record<string, string>) => Promise<TestResponse> };
  const transitionCase = (action: Action, state: OrderState) => async (): Promise<Prepared> => {
    const orderId = await orderIn(state);
    return { orderId, send: (headers) => act(action, orderId, { headers }) };
  };
  const mutations: [string, () => Promise<Prepared>][] = [
    [
      'add an item',
      async () => {
        const orderId = await orderIn('CREATED');
        return {
          orderId,
          send: (headers) => invoke(addItem, 'POST /v1/orders/{orderId}/items', { caller: ALICE, headers, ...orderPath(orderId), body: { itemId: other.id, quantity: 1 } }),
        };
      },
    ],
    [
      'change a line',
      async () => {
        const orderId = await orderIn('CREATED');
        return {
          orderId,
          send: (headers) => invoke(updateItem, 'PATCH /v1/orders/{orderId}/items/{itemId}', { caller: ALICE, headers, ...linePath(orderId, plenty.id), body: { quantity: 9 } }),
        };
      },
    ],
    [
      'remove a line',
      async () => {
        const orderId = await orderIn('CREATED');
        return { orderId, send: (headers) => invoke(removeItem, 'DELETE /v1/orders/{orderId}/items/{itemId}', { caller: ALICE, headers, ...linePath(orderId, plenty.id) }) };
      },
    ],
    ['submit', transitionCase('submit', 'CREATED')],
    ['approve', transitionCase('approve', 'PENDING')],
    ['reject', transitionCase('reject', 'PENDING')],
    ['cancel', transitionCase('cancel', 'PENDING')],
  ];

  it.each(mutations)('%s with a stale If-Match → 412 precondition_failed, nothing changed', async (_name, prepare) => {
    const { orderId, send } = await prepare();
    const before = await snapshot(orderId);
    expectProblem(await send({ 'if-match': `"${before!.version - 1}"` }), 412, 'precondition_failed');
    expectProblem(await send({ 'if-match': `"${before!.version + 1}"` }), 412, 'precondition_failed');
    expect(await snapshot(orderId)).toEqual(before);
  });

  it.each(mutations)('%s with the current ETag as If-Match succeeds', async (_name, prepare) => {
    const { orderId, send } = await prepare();
    const read = await invoke(getOrder, 'GET /v1/orders/{orderId}', { caller: STAFF, ...orderPath(orderId) });
    const response = await send({ 'if-match': read.headers.etag });
    expect(response.statusCode, JSON.stringify(response.body)).toBeLessThan(300);
    expect(await versionOf(orderId)).toBe(read.body.version + 1);
  });

  it('If-Match: * matches any version', async () => {
    const orderId = await orderIn('CREATED');
    expect((await act('submit', orderId, { headers: { 'if-match': '*' } })).statusCode).toBe(200);
  });
});

describe('the check order: 401 → 403 → 404 → 400 → 412 → 409 → 422 → 409 stock', () => {
  const tooLong = 'x'.repeat(1001);

  it('anonymous with an invalid body on a missing order → 401', async () => {
    const response = await invoke(addItem, 'POST /v1/orders/{orderId}/items', { ...orderPath(MISSING_ORDER), body: { quantity: 0 } });
    expect(response.statusCode).toBe(401);
  });

  it('a token without a group, invalid body, another customer’s order → 403', async () => {
    const orderId = await orderIn('CREATED');
    const response = await invoke(addItem, 'POST /v1/orders/{orderId}/items', { caller: { id: 'nobody', groups: '[]' }, ...orderPath(orderId), body: '{oops' });
    expectProblem(response, 403, 'forbidden');
  });

  it('a customer approving with an invalid body and a stale If-Match on a missing order → 403', async () => {
    const response = await act('approve', MISSING_ORDER, { caller: ALICE, body: '{oops', ...ifMatch(99) });
    expectProblem(response, 403, 'forbidden');
  });

  it('a customer sending unitPrice with an invalid quantity → 403 (role before validation)', async () => {
    const orderId = await orderIn('CREATED');
    const response = await invoke(addItem, 'POST /v1/orders/{orderId}/items', { caller: ALICE, ...orderPath(orderId), body: { itemId: other.id, quantity: 0, unitPrice: '1.00' } });
    expectProblem(response, 403, 'forbidden');
  });

  it.each([
    ['add an item (quantity 0)', (orderId: string) => invoke(addItem, 'POST /v1/orders/{orderId}/items', { caller: BOB, ...orderPath(orderId), body: { itemId: other.id, quantity: 0 } })],
    ['add an item (malformed JSON)', (orderId: string) => invoke(addItem, 'POST /v1/orders/{orderId}/items', { caller: BOB, ...orderPath(orderId), body: '{"itemId": ' })],
    [
      'change a line (quantity "2")',
      (orderId: string) => invoke(updateItem, 'PATCH /v1/orders/{orderId}/items/{itemId}', { caller: BOB, ...linePath(orderId, plenty.id), body: { quantity: '2' } }),
    ],
    ['submit (unknown field)', (orderId: string) => act('submit', orderId, { caller: BOB, body: { now: true } })],
    ['cancel (comments over 1000)', (orderId: string) => act('cancel', orderId, { caller: BOB, body: { comments: tooLong } })],
    ['cancel (malformed JSON)', (orderId: string) => act('cancel', orderId, { caller: BOB, body: '[' })],
  ])('an invalid body on another customer’s order → 404, not 400: %s', async (_name, send) => {
    const orderId = await orderIn('CREATED');
    const response = await send(orderId);
    expectProblem(response, 404, 'not_found');
    expect(response.body).not.toHaveProperty('errors');
  });

  it('an invalid body on a missing order → 404 for an employee too', async () => {
    expectProblem(await act('reject', MISSING_ORDER, { body: {} }), 404, 'not_found');
    expectProblem(await act('approve', MISSING_ORDER, { body: { comments: tooLong } }), 404, 'not_found');
    expectProblem(
      await invoke(addItem, 'POST /v1/orders/{orderId}/items', { caller: STAFF, ...orderPath(MISSING_ORDER), body: { itemId: plenty.id, quantity: 0 } }),
      404,
      'not_found',
    );
  });

  it.each([
    ['add an item (quantity 1001)', (orderId: string, headers: Record<string, string>) => invoke(addItem, 'POST /v1/orders/{orderId}/items', { caller: ALICE, headers, ...orderPath(orderId), body: { itemId: other.id, quantity: 1001 } })],
    [
      'change a line (quantity 0)',
      (orderId: string, headers: Record<string, string>) =>
        invoke(updateItem, 'PATCH /v1/orders/{orderId}/items/{itemId}', { caller: ALICE, headers, ...linePath(orderId, plenty.id), body: { quantity: 0 } }),
    ],
    ['submit (unknown field)', (orderId: string, headers: Record<string, string>) => act('submit', orderId, { headers, body: { force: true } })],
    ['reject (no comments)', (orderId: string, headers: Record<string, string>) => act('reject', orderId, { headers, body: {} })],
    ['cancel (comments over 1000)', (orderId: string, headers: Record<string, string>) => act('cancel', orderId, { headers, body: { comments: tooLong } })],
    ['approve (malformed JSON)', (orderId: string, headers: Record<string, string>) => act('approve', orderId, { headers, body: '{' })],
  ])('an invalid body with a stale If-Match → 400, not 412: %s', async (_name, send) => {
    const orderId = await orderIn('PENDING');
    const before = await snapshot(orderId);
    expectProblem(await send(orderId, { 'if-match': '"1"' }), 400, 'validation_failed');
    expect(await snapshot(orderId)).toEqual(before);
  });

  it.each([
    ['add an item', (orderId: string) => invoke(addItem, 'POST /v1/orders/{orderId}/items', { caller: ALICE, ...orderPath(orderId), body: { itemId: other.id, quantity: 0 } })],
    ['reject without comments', (orderId: string) => act('reject', orderId, { body: {} })],
    ['cancel with an unknown field', (orderId: string) => act('cancel', orderId, { body: { why: 'x' } })],
  ])('an invalid body on an APPROVED order → 400, not 409: %s', async (_name, send) => {
    const orderId = await orderIn('APPROVED');
    expectProblem(await send(orderId), 400, 'validation_failed');
  });

  it.each([
    ['cancel', (orderId: string, version: number) => act('cancel', orderId, ifMatch(version))],
    ['submit', (orderId: string, version: number) => act('submit', orderId, ifMatch(version))],
    ['approve', (orderId: string, version: number) => act('approve', orderId, ifMatch(version))],
    ['reject', (orderId: string, version: number) => act('reject', orderId, ifMatch(version))],
    ['add an item', (orderId: string, version: number) => invoke(addItem, 'POST /v1/orders/{orderId}/items', { caller: ALICE, ...ifMatch(version), ...orderPath(orderId), body: { itemId: other.id, quantity: 1 } })],
    [
      'change a line',
      (orderId: string, version: number) =>
        invoke(updateItem, 'PATCH /v1/orders/{orderId}/items/{itemId}', { caller: ALICE, ...ifMatch(version), ...linePath(orderId, plenty.id), body: { quantity: 2 } }),
    ],
    ['remove a line', (orderId: string, version: number) => invoke(removeItem, 'DELETE /v1/orders/{orderId}/items/{itemId}', { caller: ALICE, ...ifMatch(version), ...linePath(orderId, plenty.id) })],
  ])('a stale If-Match on an APPROVED order → 412, not 409: %s', async (_name, send) => {
    const orderId = await orderIn('APPROVED');
    const version = await versionOf(orderId);
    expectProblem(await send(orderId, version - 1), 412, 'precondition_failed');
    // With the current version the state answers.
    expect((await send(orderId, version)).statusCode).toBe(409);
  });

  it('a stale If-Match on an empty order → 412, not 422', async () => {
    const orderId = await orderIn('CREATED', { empty: true });
    expectProblem(await act('submit', orderId, ifMatch(7)), 412, 'precondition_failed');
  });

  it('approve of an empty CREATED order → 409 invalid_transition, not 422', async () => {
    const orderId = await orderIn('CREATED', { empty: true });
    expectProblem(await act('approve', orderId), 409, 'invalid_transition', { currentState: 'CREATED' });
  });

  it('submit of an empty CANCELED order → 409 invalid_transition, not 422', async () => {
    const orderId = await orderIn('CANCELED', { empty: true });
    expectProblem(await act('submit', orderId), 409, 'invalid_transition', { currentState: 'CANCELED' });
  });

  it('a stale If-Match on an approval that lacks stock → 412, not insufficient_stock', async () => {
    const short = await aDrink({ onHand: 1 });
    const { id: orderId } = await created();
    await added(orderId, short.id, 3);
    await acted('submit', orderId);
    expectProblem(await act('approve', orderId, ifMatch(1)), 412, 'precondition_failed');
    expectProblem(await act('approve', orderId), 409, 'insufficient_stock', { itemId: short.id, requested: 3, available: 1 });
  });

  it('adding an unknown, an archived or an out-of-stock item with a stale If-Match → 412, not 422/409', async () => {
    const archived = await aDrink({ listing: 'archived' });
    const empty = await aDrink({ onHand: 0 });
    const orderId = await orderIn('CREATED');
    for (const itemId of ['01JNOSUCHITEM0000000000000', archived.id, empty.id, plenty.id]) {
      const response = await invoke(addItem, 'POST /v1/orders/{orderId}/items', { caller: ALICE, ...ifMatch(1), ...orderPath(orderId), body: { itemId, quantity: 1 } });
      expectProblem(response, 412, 'precondition_failed');
    }
  });

  it('adding a duplicate, an unknown or an out-of-stock item to an APPROVED order → 409 order_not_editable (state first)', async () => {
    const empty = await aDrink({ onHand: 0 });
    const orderId = await orderIn('APPROVED');
    for (const itemId of [plenty.id, '01JNOSUCHITEM0000000000000', empty.id]) {
      const response = await invoke(addItem, 'POST /v1/orders/{orderId}/items', { caller: STAFF, ...orderPath(orderId), body: { itemId, quantity: 1 } });
      expectProblem(response, 409, 'order_not_editable', { currentState: 'APPROVED' });
    }
  });

  describe('items not on the order → 404', () => {
    it('PATCH of an item not on the order → 404', async () => {
      const orderId = await orderIn('CREATED');
      const response = await invoke(updateItem, 'PATCH /v1/orders/{orderId}/items/{itemId}', { caller: ALICE, ...linePath(orderId, other.id), body: { quantity: 2 } });
      expectProblem(response, 404, 'not_found');
    });

    it('DELETE of an item not on the order → 404', async () => {
      const orderId = await orderIn('CREATED');
      const before = await snapshot(orderId);
      expectProblem(await invoke(removeItem, 'DELETE /v1/orders/{orderId}/items/{itemId}', { caller: ALICE, ...linePath(orderId, other.id) }), 404, 'not_found');
      expect(await snapshot(orderId)).toEqual(before);
    });

    it('PATCH of an item not on the order with an invalid body → 404, not 400', async () => {
      const orderId = await orderIn('CREATED');
      const response = await invoke(updateItem, 'PATCH /v1/orders/{orderId}/items/{itemId}', { caller: ALICE, ...linePath(orderId, other.id), body: { quantity: 0 } });
      expectProblem(response, 404, 'not_found');
    });

    it('PATCH of an item not on the order with a stale If-Match → 404, not 412', async () => {
      const orderId = await orderIn('CREATED');
      const response = await invoke(updateItem, 'PATCH /v1/orders/{orderId}/items/{itemId}', {
        caller: ALICE,
        ...ifMatch(1),
        ...linePath(orderId, other.id),
        body: { quantity: 2 },
      });
      expectProblem(response, 404, 'not_found');
    });

    it('DELETE of an item not on the order with a stale If-Match → 404, not 412', async () => {
      const orderId = await orderIn('CREATED');
      const response = await invoke(removeItem, 'DELETE /v1/orders/{orderId}/items/{itemId}', { caller: ALICE, ...ifMatch(1), ...linePath(orderId, other.id) });
      expectProblem(response, 404, 'not_found');
    });

    it('PATCH/DELETE of an item not on an APPROVED order → 404, not 409', async () => {
      const orderId = await orderIn('APPROVED');
      expectProblem(
        await invoke(updateItem, 'PATCH /v1/orders/{orderId}/items/{itemId}', { caller: ALICE, ...linePath(orderId, other.id), body: { quantity: 2 } }),
        404,
        'not_found',
      );
      expectProblem(await invoke(removeItem, 'DELETE /v1/orders/{orderId}/items/{itemId}', { caller: ALICE, ...linePath(orderId, other.id) }), 404, 'not_found');
    });

    it('PATCH/DELETE on a missing order → 404', async () => {
      expectProblem(
        await invoke(updateItem, 'PATCH /v1/orders/{orderId}/items/{itemId}', { caller: STAFF, ...linePath(MISSING_ORDER, plenty.id), body: { quantity: 2 } }),
        404,
        'not_found',
      );
      expectProblem(await invoke(removeItem, 'DELETE /v1/orders/{orderId}/items/{itemId}', { caller: STAFF, ...linePath(MISSING_ORDER, plenty.id) }), 404, 'not_found');
      expectProblem(await invoke(getOrder, 'GET /v1/orders/{orderId}', { caller: STAFF, ...orderPath(MISSING_ORDER) }), 404, 'not_found');
      expectProblem(await act('submit', MISSING_ORDER), 404, 'not_found');
    });
  });
});

describe('body validation (400 validation_failed)', () => {
  describe('reject comments', () => {
    it.each([
      ['no body', undefined],
      ['an empty object', {}],
      ['blank comments "   "', { comments: '   ' }],
      ['empty comments', { comments: '' }],
      ['comments over 1000 characters', { comments: 'x'.repeat(1001) }],
      ['comments as a number', { comments: 5 }],
      ['comments null', { comments: null }],
    ])('%s → 400', async (_name, body) => {
      const orderId = await orderIn('PENDING');
      const before = await snapshot(orderId);
      expectProblem(await act('reject', orderId, { body }), 400, 'validation_failed');
      expect(await snapshot(orderId)).toEqual(before);
    });

    it('exactly 1000 characters, trimmed → 200', async () => {
      const orderId = await orderIn('PENDING');
      const comments = 'y'.repeat(1000);
      const response = await act('reject', orderId, { body: { comments: `  ${comments}  ` } });
      expect(response.statusCode).toBe(200);
      expect(response.body.comments).toBe(comments);
    });
  });

  it.each([
    ['approve', 'PENDING'],
    ['cancel', 'CREATED'],
  ] as const)('%s comments over 1000 → 400, exactly 1000 → 200', async (action, state) => {
    const orderId = await orderIn(state);
    expectProblem(await act(action, orderId, { body: { comments: 'z'.repeat(1001) } }), 400, 'validation_failed');
    const response = await act(action, orderId, { body: { comments: 'z'.repeat(1000) } });
    expect(response.statusCode).toBe(200);
    expect(response.body.comments).toBe('z'.repeat(1000));
  });

  it('create: comments over 1000 → 400; exactly 1000 → 201', async () => {
    expectProblem(await invoke(createOrder, 'POST /v1/orders', { caller: ALICE, body: { comments: 'c'.repeat(1001) } }), 400, 'validation_failed');
    expect((await invoke(createOrder, 'POST /v1/orders', { caller: ALICE, body: { comments: 'c'.repeat(1000) } })).statusCode).toBe(201);
  });

  const badQuantities: [string, unknown][] = [
    ['0', 0],
    ['1001', 1001],
    ['1.5', 1.5],
    ['"2"', '2'],
    ['-1', -1],
    ['null', null],
    ['true', true],
  ];

  it.each(badQuantities)('add an item with quantity %s → 400, nothing added', async (_name, quantity) => {
    const orderId = await orderIn('CREATED', { empty: true });
    const response = await invoke(addItem, 'POST /v1/orders/{orderId}/items', { caller: ALICE, ...orderPath(orderId), body: { itemId: other.id, quantity } });
    expectProblem(response, 400, 'validation_failed');
    expect(response.body.errors.map((error: { path: string }) => error.path)).toContain('body.quantity');
    expect((await snapshot(orderId))?.lines).toEqual([]);
  });

  it('add an item without quantity → 400', async () => {
    const orderId = await orderIn('CREATED', { empty: true });
    expectProblem(await invoke(addItem, 'POST /v1/orders/{orderId}/items', { caller: ALICE, ...orderPath(orderId), body: { itemId: other.id } }), 400, 'validation_failed');
  });

  it.each([
    ['missing', {}],
    ['a number', { itemId: 42 }],
    ['empty', { itemId: '' }],
    ['over 64 characters', { itemId: 'i'.repeat(65) }],
  ])('add an item with itemId %s → 400', async (_name, body) => {
    const orderId = await orderIn('CREATED', { empty: true });
    expectProblem(await invoke(addItem, 'POST /v1/orders/{orderId}/items', { caller: ALICE, ...orderPath(orderId), body: { quantity: 1, ...body } }), 400, 'validation_failed');
  });

  it('quantities 1 and 1000 are accepted', async () => {
    const orderId = await orderIn('CREATED', { empty: true });
    expect((await added(orderId, plenty.id, 1000)).quantity).toBe(1000);
    expect((await added(orderId, other.id, 1)).quantity).toBe(1);
  });

  it.each(badQuantities)('change a line to quantity %s → 400, nothing changed', async (_name, quantity) => {
    const orderId = await orderIn('CREATED');
    const before = await snapshot(orderId);
    const response = await invoke(updateItem, 'PATCH /v1/orders/{orderId}/items/{itemId}', { caller: ALICE, ...linePath(orderId, plenty.id), body: { quantity } });
    expectProblem(response, 400, 'validation_failed');
    expect(await snapshot(orderId)).toEqual(before);
  });

  const unknownFields: [string, (orderId: string) => Promise<TestResponse>][] = [
    ['create', () => invoke(createOrder, 'POST /v1/orders', { caller: ALICE, body: { comments: 'x', priority: 'high' } })],
    ['add an item', (orderId) => invoke(addItem, 'POST /v1/orders/{orderId}/items', { caller: ALICE, ...orderPath(orderId), body: { itemId: other.id, quantity: 1, note: 'x' } })],
    ['add an item (name)', (orderId) => invoke(addItem, 'POST /v1/orders/{orderId}/items', { caller: STAFF, ...orderPath(orderId), body: { itemId: other.id, quantity: 1, name: 'Free tea' } })],
    ['change a line', (orderId) => invoke(updateItem, 'PATCH /v1/orders/{orderId}/items/{itemId}', { caller: ALICE, ...linePath(orderId, plenty.id), body: { quantity: 2, name: 'x' } })],
    ['submit', (orderId) => act('submit', orderId, { body: { state: 'APPROVED' } })],
    ['approve', (orderId) => act('approve', orderId, { body: { comments: 'ok', handledBy: 'someone' } })],
    ['reject', (orderId) => act('reject', orderId, { body: { comments: 'no', reason: 'x' } })],
    ['cancel', (orderId) => act('cancel', orderId, { body: { state: 'CANCELED' } })],
  ];

  it.each(unknownFields)('unknown body fields on %s → 400', async (_name, send) => {
    const orderId = await orderIn('PENDING');
    const before = await snapshot(orderId);
    expectProblem(await send(orderId), 400, 'validation_failed');
    expect(await snapshot(orderId)).toEqual(before);
  });

  const malformed: [string, (orderId: string, body: string) => Promise<TestResponse>][] = [
    ['create', (_orderId, body) => invoke(createOrder, 'POST /v1/orders', { caller: ALICE, body })],
    ['add an item', (orderId, body) => invoke(addItem, 'POST /v1/orders/{orderId}/items', { caller: ALICE, ...orderPath(orderId), body })],
    ['change a line', (orderId, body) => invoke(updateItem, 'PATCH /v1/orders/{orderId}/items/{itemId}', { caller: ALICE, ...linePath(orderId, plenty.id), body })],
    ['submit', (orderId, body) => act('submit', orderId, { body })],
    ['approve', (orderId, body) => act('approve', orderId, { body })],
    ['reject', (orderId, body) => act('reject', orderId, { body })],
    ['cancel', (orderId, body) => act('cancel', orderId, { body })],
  ];

  it.each(malformed)('malformed JSON and non-object bodies on %s → 400', async (_name, send) => {
    const orderId = await orderIn('CREATED');
    for (const body of ['{', '{"quantity": }', "{'a': 1}", '[]', '"text"', 'null', '42']) {
      const response = await send(orderId, body);
      expectProblem(response, 400, 'validation_failed');
    }
  });
});

describe('money', () => {
  it('3 × "6.40" + 2 × "0.05" = "19.30", line totals exact', async () => {
    const latte = await aDrink({ priceCents: 640 });
    const water = await aDrink({ priceCents: 5 });
    const { id: orderId } = await created();
    expect(await added(orderId, latte.id, 3)).toMatchObject({ unitPrice: '6.40', totalPrice: '19.20' });
    expect(await added(orderId, water.id, 2)).toMatchObject({ unitPrice: '0.05', totalPrice: '0.10' });
    const read = await invoke(getOrder, 'GET /v1/orders/{orderId}', { caller: ALICE, ...orderPath(orderId) });
    expect(read.body).toMatchObject({ itemCount: 2, totalPrice: '19.30' });
  });

  it('an employee override of "0.00" is accepted and totals zero', async () => {
    const { id: orderId } = await created();
    expect(await added(orderId, plenty.id, 3, STAFF, { unitPrice: '0.00' })).toMatchObject({ unitPrice: '0.00', totalPrice: '0.00' });
    const read = await invoke(getOrder, 'GET /v1/orders/{orderId}', { caller: ALICE, ...orderPath(orderId) });
    expect(read.body).toMatchObject({ totalPrice: '0.00', items: [expect.objectContaining({ unitPrice: '0.00' })] });
  });

  it('an employee override of "999.99" is accepted, even for 1000 of them', async () => {
    const { id: orderId } = await created();
    expect(await added(orderId, plenty.id, 1000, STAFF, { unitPrice: '999.99' })).toMatchObject({ unitPrice: '999.99', totalPrice: '999990.00' });
    await added(orderId, other.id, 1);
    const read = await invoke(getOrder, 'GET /v1/orders/{orderId}', { caller: ALICE, ...orderPath(orderId) });
    expect(read.body.totalPrice).toBe('999992.50');
  });

  it('an employee changes a line’s unit price; the quantity stays', async () => {
    const orderId = await orderIn('CREATED');
    const response = await invoke(updateItem, 'PATCH /v1/orders/{orderId}/items/{itemId}', { caller: STAFF, ...linePath(orderId, plenty.id), body: { unitPrice: '0.00' } });
    expect(response.statusCode).toBe(200);
    expect(response.body).toMatchObject({ quantity: 1, unitPrice: '0.00', totalPrice: '0.00' });
  });

  it.each([['1000.00'], ['1.5'], [1.5], [640], ['6.4'], ['-0.01'], [''], ['6,40'], [null]])('an employee unitPrice of %j → 400, nothing changed', async (unitPrice) => {
    const orderId = await orderIn('CREATED');
    const before = await snapshot(orderId);
    const add = await invoke(addItem, 'POST /v1/orders/{orderId}/items', { caller: STAFF, ...orderPath(orderId), body: { itemId: other.id, quantity: 1, unitPrice } });
    expectProblem(add, 400, 'validation_failed');
    const change = await invoke(updateItem, 'PATCH /v1/orders/{orderId}/items/{itemId}', { caller: STAFF, ...linePath(orderId, plenty.id), body: { unitPrice } });
    expectProblem(change, 400, 'validation_failed');
    expect(await snapshot(orderId)).toEqual(before);
  });
});
