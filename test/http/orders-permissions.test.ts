import { beforeAll, describe, expect, it } from 'vitest';
import { getOrder as readOrder } from '../../functions/data/orders';
import { handler as addItem } from '../../functions/http/orders/add-item';
import { handler as approve } from '../../functions/http/orders/approve';
import { handler as cancel } from '../../functions/http/orders/cancel';
import { handler as createOrder } from '../../functions/http/orders/create';
import { handler as deliver } from '../../functions/http/orders/deliver';
import { handler as getOrder } from '../../functions/http/orders/get';
import { handler as history } from '../../functions/http/orders/history';
import { handler as listOrders } from '../../functions/http/orders/list';
import { handler as notifications } from '../../functions/http/orders/notifications';
import { handler as ready } from '../../functions/http/orders/ready';
import { handler as reject } from '../../functions/http/orders/reject';
import { handler as removeItem } from '../../functions/http/orders/remove-item';
import { handler as submit } from '../../functions/http/orders/submit';
import { handler as updateItem } from '../../functions/http/orders/update-item';
import type { Caller } from '../../functions/core/roles';
import { routes } from '../../functions/routes';
import { invoke, type EventOptions, type TestResponse } from '../fixtures/events';
import { aCustomer, aDrink, customer, employee } from '../fixtures/shop';

type Handler = Parameters<typeof invoke>[0];
type AnyCaller = EventOptions['caller'];
type Kind = 'anonymous' | 'no group' | 'owner' | 'other customer' | 'employee';

const ALICE = customer('alice');
const BOB = customer('bob');
const STAFF = employee('emp-1');
const NO_GROUP = { id: 'nobody', groups: '[]' };

const callers: Record<Kind, AnyCaller> = {
  anonymous: undefined,
  'no group': NO_GROUP,
  owner: ALICE,
  'other customer': BOB,
  employee: STAFF,
};

let stock: { id: string };
let spare: { id: string };

beforeAll(async () => {
  await aCustomer('alice');
  await aCustomer('bob');
  stock = await aDrink({ name: 'Matrix latte', onHand: 1_000_000 });
  spare = await aDrink({ name: 'Matrix tea', onHand: 1_000_000 });
});

async function created(caller: AnyCaller, body: Record<string, unknown> = {}) {
  const response = await invoke(createOrder, 'POST /v1/orders', { caller, body });
  expect(response.statusCode, JSON.stringify(response.body)).toBe(201);
  return response.body as { id: string; customerId: string; state: string; createdAt: string; version: number };
}

async function added(caller: AnyCaller, orderId: string, itemId: string, quantity = 1) {
  const response = await invoke(addItem, 'POST /v1/orders/{orderId}/items', { caller, pathParameters: { orderId }, body: { itemId, quantity } });
  expect(response.statusCode, JSON.stringify(response.body)).toBe(201);
}

async function submitted(caller: AnyCaller, orderId: string) {
  const response = await invoke(submit, 'POST /v1/orders/{orderId}/submit', { caller, pathParameters: { orderId } });
  expect(response.statusCode, JSON.stringify(response.body)).toBe(200);
}

interface Fixture {
  orderId: string;
  /** An item on the order. */
  itemId: string;
  /** An item in stock that is not on the order. */
  spareItemId: string;
}

type FixtureState = 'CREATED' | 'PENDING' | 'PREPARING' | 'READY';

async function stepped(handler: Handler, route: string, orderId: string) {
  const response = await invoke(handler, route, { caller: STAFF, pathParameters: { orderId } });
  expect(response.statusCode, JSON.stringify(response.body)).toBe(200);
}

/** A fresh order of alice's with one line, in CREATED or PENDING, or approved and PREPARING or READY. */
async function aliceOrder(state: FixtureState): Promise<Fixture> {
  const order = await created(ALICE);
  await added(ALICE, order.id, stock.id, 1);
  if (state !== 'CREATED') await submitted(ALICE, order.id);
  if (state === 'PREPARING' || state === 'READY') await stepped(approve, 'POST /v1/orders/{orderId}/approve', order.id);
  if (state === 'READY') await stepped(ready, 'POST /v1/orders/{orderId}/ready', order.id);
  return { orderId: order.id, itemId: stock.id, spareItemId: spare.id };
}

const snapshot = async (orderId: string) => {
  const order = await readOrder(orderId);
  return order && { state: order.state, fulfilment: order.fulfilment, version: order.version, lines: order.lines, comments: order.comments };
};

function expectNoOrderData(response: TestResponse) {
  expect(response.body).toMatchObject({ code: 'not_found', status: 404 });
  for (const member of ['id', 'customerId', 'items', 'state', 'lines', 'version', 'totalPrice']) expect(response.body).not.toHaveProperty(member);
  expect(response.headers.etag).toBeUndefined();
}

interface RouteCase {
  handler: Handler;
  state: FixtureState | null;
  request: (fixture: Fixture) => Omit<EventOptions, 'caller'>;
  /** Checks a successful response and its effect. */
  succeeded: (response: TestResponse, fixture: Fixture, kind: Kind) => Promise<void> | void;
}

const onOrder = (fixture: Fixture) => ({ pathParameters: { orderId: fixture.orderId } });
const onLine = (fixture: Fixture) => ({ pathParameters: { orderId: fixture.orderId, itemId: fixture.itemId } });

const routeCases: Record<string, RouteCase> = {
  'POST /v1/orders': {
    handler: createOrder,
    state: null,
    // Every caller asks for an order for alice: alice herself, bob (for someone else), an employee.
    request: () => ({ body: { customerId: 'alice' } }),
    succeeded: (response) => {
      expect(response.body).toMatchObject({ customerId: 'alice', state: 'CREATED', items: [], version: 1 });
    },
  },
  'GET /v1/orders': {
    handler: listOrders,
    state: 'CREATED',
    request: () => ({ query: { limit: '100' } }),
    succeeded: (response, fixture, kind) => {
      const ids = response.body.items.map((order: { id: string }) => order.id);
      if (kind === 'other customer') {
        expect(ids).not.toContain(fixture.orderId);
        for (const order of response.body.items) expect(order.customerId).toBe('bob');
      } else {
        expect(ids).toContain(fixture.orderId);
      }
    },
  },
  'GET /v1/orders/{orderId}': {
    handler: getOrder,
    state: 'CREATED',
    request: onOrder,
    succeeded: (response, fixture) => {
      expect(response.body).toMatchObject({ id: fixture.orderId, customerId: 'alice', itemCount: 1 });
      expect(response.headers.etag).toBe(`"${response.body.version}"`);
    },
  },
  'GET /v1/orders/{orderId}/history': {
    handler: history,
    state: 'CREATED',
    request: onOrder,
    succeeded: (response) => {
      expect(response.body.items).toEqual([expect.objectContaining({ from: null, to: 'CREATED', by: 'alice', role: 'customer' })]);
    },
  },
  'POST /v1/orders/{orderId}/items': {
    handler: addItem,
    state: 'CREATED',
    request: (fixture) => ({ ...onOrder(fixture), body: { itemId: fixture.spareItemId, quantity: 2 } }),
    succeeded: async (response, fixture) => {
      expect(response.body).toMatchObject({ itemId: fixture.spareItemId, quantity: 2 });
      expect((await snapshot(fixture.orderId))?.lines).toHaveLength(2);
    },
  },
  'PATCH /v1/orders/{orderId}/items/{itemId}': {
    handler: updateItem,
    state: 'CREATED',
    request: (fixture) => ({ ...onLine(fixture), body: { quantity: 7 } }),
    succeeded: async (response, fixture) => {
      expect(response.body).toMatchObject({ itemId: fixture.itemId, quantity: 7 });
      expect((await snapshot(fixture.orderId))?.lines[0].quantity).toBe(7);
    },
  },
  'DELETE /v1/orders/{orderId}/items/{itemId}': {
    handler: removeItem,
    state: 'CREATED',
    request: onLine,
    succeeded: async (response, fixture) => {
      expect(response.body).toBeUndefined();
      expect((await snapshot(fixture.orderId))?.lines).toEqual([]);
    },
  },
  'POST /v1/orders/{orderId}/submit': {
    handler: submit,
    state: 'CREATED',
    request: onOrder,
    succeeded: (response) => {
      expect(response.body).toMatchObject({ state: 'PENDING' });
    },
  },
  'POST /v1/orders/{orderId}/approve': {
    handler: approve,
    state: 'PENDING',
    request: onOrder,
    succeeded: (response) => {
      expect(response.body).toMatchObject({ state: 'APPROVED', handledBy: 'emp-1' });
    },
  },
  'POST /v1/orders/{orderId}/reject': {
    handler: reject,
    state: 'PENDING',
    request: (fixture) => ({ ...onOrder(fixture), body: { comments: 'Sold out today' } }),
    succeeded: (response) => {
      expect(response.body).toMatchObject({ state: 'REJECTED', handledBy: 'emp-1', comments: 'Sold out today' });
    },
  },
  'POST /v1/orders/{orderId}/cancel': {
    handler: cancel,
    state: 'PENDING',
    request: onOrder,
    succeeded: (response) => {
      expect(response.body).toMatchObject({ state: 'CANCELED' });
    },
  },
  'POST /v1/orders/{orderId}/ready': {
    handler: ready,
    state: 'PREPARING',
    request: onOrder,
    succeeded: (response) => {
      expect(response.body).toMatchObject({ state: 'APPROVED', fulfilment: 'READY' });
    },
  },
  'POST /v1/orders/{orderId}/deliver': {
    handler: deliver,
    state: 'READY',
    request: onOrder,
    succeeded: (response) => {
      expect(response.body).toMatchObject({ state: 'APPROVED', fulfilment: 'DELIVERED' });
    },
  },
  'GET /v1/orders/{orderId}/notifications': {
    handler: notifications,
    state: 'CREATED',
    request: onOrder,
    succeeded: (response) => {
      // No stream consumer runs in handler tests: nothing was sent yet.
      expect(response.body).toEqual({ items: [] });
    },
  },
};

// prettier-ignore
const matrix: [route: string, anonymous: number, noGroup: number, owner: number, otherCustomer: number, employee: number][] = [
  //  route                                           anon  no group  owner  other customer  employee
  ['POST /v1/orders',                                 401,  403,      201,   403,            201],
  ['GET /v1/orders',                                  401,  403,      200,   200,            200],
  ['GET /v1/orders/{orderId}',                        401,  403,      200,   404,            200],
  ['GET /v1/orders/{orderId}/history',                401,  403,      200,   404,            200],
  ['POST /v1/orders/{orderId}/items',                 401,  403,      201,   404,            201],
  ['PATCH /v1/orders/{orderId}/items/{itemId}',       401,  403,      200,   404,            200],
  ['DELETE /v1/orders/{orderId}/items/{itemId}',      401,  403,      204,   404,            204],
  ['POST /v1/orders/{orderId}/submit',                401,  403,      200,   404,            200],
  ['POST /v1/orders/{orderId}/approve',               401,  403,      403,   403,            200],
  ['POST /v1/orders/{orderId}/reject',                401,  403,      403,   403,            200],
  ['POST /v1/orders/{orderId}/cancel',                401,  403,      200,   404,            200],
  ['POST /v1/orders/{orderId}/ready',                 401,  403,      403,   403,            200],
  ['POST /v1/orders/{orderId}/deliver',               401,  403,      403,   403,            200],
  ['GET /v1/orders/{orderId}/notifications',          401,  403,      403,   403,            200],
];

const kinds: Kind[] = ['anonymous', 'no group', 'owner', 'other customer', 'employee'];
const rows = matrix.flatMap(([route, ...statuses]) => kinds.map((kind, index) => [route, kind, statuses[index]] as const));

describe('the orders permission matrix (route × caller)', () => {
  it('covers every order route in functions/routes.ts', () => {
    const orderRoutes = routes.filter((route) => route.path.startsWith('/v1/orders')).map((route) => `${route.method} ${route.path}`);
    expect(matrix.map(([route]) => route).sort()).toEqual([...orderRoutes].sort());
  });

  it.each(rows)('%s as %s → %i', async (route, kind, expected) => {
    const spec = routeCases[route];
    const fixture = spec.state ? await aliceOrder(spec.state) : { orderId: '', itemId: '', spareItemId: '' };
    const before = spec.state ? await snapshot(fixture.orderId) : null;
    const response = await invoke(spec.handler, route, { caller: callers[kind], ...spec.request(fixture) });
    expect(response.statusCode, JSON.stringify(response.body)).toBe(expected);
    if (expected < 400) {
      await spec.succeeded(response, fixture, kind);
      return;
    }
    if (expected === 403) expect(response.body).toMatchObject({ status: 403, code: 'forbidden' });
    if (expected === 404) expectNoOrderData(response);
    expect(response.headers['content-type']).toBe('application/problem+json');
    if (spec.state) expect(await snapshot(fixture.orderId)).toEqual(before);
  });

  it('a refused order creation creates nothing', async () => {
    const gina = await aCustomer('gina');
    for (const caller of [undefined, NO_GROUP, BOB]) {
      const response = await invoke(createOrder, 'POST /v1/orders', { caller, body: { customerId: gina.id } });
      expect(response.statusCode).toBeGreaterThanOrEqual(400);
    }
    const list = await invoke(listOrders, 'GET /v1/orders', { caller: gina });
    expect(list.body.items).toEqual([]);
  });

  it('a token in both groups acts as an employee (employees win)', async () => {
    const fixture = await aliceOrder('PENDING');
    const response = await invoke(approve, 'POST /v1/orders/{orderId}/approve', {
      caller: { id: 'emp-both', groups: '[customers employees]' },
      pathParameters: { orderId: fixture.orderId },
    });
    expect(response.statusCode, JSON.stringify(response.body)).toBe(200);
    expect(response.body).toMatchObject({ state: 'APPROVED', handledBy: 'emp-both' });
  });

  it('another customer gets the same 404 for an existing order as for a missing one', async () => {
    const fixture = await aliceOrder('CREATED');
    const existing = await invoke(getOrder, 'GET /v1/orders/{orderId}', { caller: BOB, pathParameters: { orderId: fixture.orderId } });
    const missing = await invoke(getOrder, 'GET /v1/orders/{orderId}', { caller: BOB, pathParameters: { orderId: '01JZZZZZZZZZZZZZZZZZZZZZZZ' } });
    expect(existing.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    expect({ ...existing.body, detail: undefined }).toEqual({ ...missing.body, detail: undefined });
    expect(existing.body.detail).toBe(missing.body.detail);
  });
});

describe('who may create an order for whom', () => {
  it('a customer omitting customerId orders for themselves → 201', async () => {
    const order = await created(ALICE);
    expect(order.customerId).toBe('alice');
  });

  it('a customer naming their own id → 201', async () => {
    const response = await invoke(createOrder, 'POST /v1/orders', { caller: ALICE, body: { customerId: 'alice' } });
    expect(response.statusCode).toBe(201);
    expect(response.body.customerId).toBe('alice');
  });

  it('a customer naming another customer → 403 forbidden', async () => {
    const response = await invoke(createOrder, 'POST /v1/orders', { caller: ALICE, body: { customerId: 'bob' } });
    expect(response.statusCode).toBe(403);
    expect(response.body.code).toBe('forbidden');
  });

  it('a customer naming a customer that does not exist → 403 (role, not existence)', async () => {
    const response = await invoke(createOrder, 'POST /v1/orders', { caller: ALICE, body: { customerId: 'ghost' } });
    expect(response.statusCode).toBe(403);
  });

  it('an employee without customerId → 400 validation_failed', async () => {
    const response = await invoke(createOrder, 'POST /v1/orders', { caller: STAFF, body: {} });
    expect(response.statusCode).toBe(400);
    expect(response.body.code).toBe('validation_failed');
  });

  it('an employee with a blank customerId (missing after trimming) → 400 validation_failed', async () => {
    const response = await invoke(createOrder, 'POST /v1/orders', { caller: STAFF, body: { customerId: '   ' } });
    expect(response.statusCode, JSON.stringify(response.body)).toBe(400);
    expect(response.body.code).toBe('validation_failed');
  });

  it('an employee with an unknown customerId → 422 unknown_customer, nothing created', async () => {
    const response = await invoke(createOrder, 'POST /v1/orders', { caller: STAFF, body: { customerId: 'ghost' } });
    expect(response.statusCode).toBe(422);
    expect(response.body.code).toBe('unknown_customer');
    const list = await invoke(listOrders, 'GET /v1/orders', { caller: STAFF, query: { customerId: 'ghost' } });
    expect(list.body.items).toEqual([]);
  });

  it('an employee with a known customerId → 201 for that customer, the employee recorded in history', async () => {
    const response = await invoke(createOrder, 'POST /v1/orders', { caller: STAFF, body: { customerId: 'bob' } });
    expect(response.statusCode).toBe(201);
    expect(response.body.customerId).toBe('bob');
    const events = await invoke(history, 'GET /v1/orders/{orderId}/history', { caller: BOB, pathParameters: { orderId: response.body.id } });
    expect(events.body.items).toEqual([expect.objectContaining({ from: null, to: 'CREATED', by: 'emp-1', role: 'employee' })]);
  });
});

describe('unitPrice is for employees only', () => {
  it('a customer adding an item with unitPrice to their own order → 403, nothing added', async () => {
    const fixture = await aliceOrder('CREATED');
    const before = await snapshot(fixture.orderId);
    const response = await invoke(addItem, 'POST /v1/orders/{orderId}/items', {
      caller: ALICE,
      pathParameters: { orderId: fixture.orderId },
      body: { itemId: fixture.spareItemId, quantity: 1, unitPrice: '0.01' },
    });
    expect(response.statusCode).toBe(403);
    expect(response.body.code).toBe('forbidden');
    expect(await snapshot(fixture.orderId)).toEqual(before);
  });

  it('a customer changing a line with unitPrice on their own order → 403, nothing changed', async () => {
    const fixture = await aliceOrder('CREATED');
    const before = await snapshot(fixture.orderId);
    const response = await invoke(updateItem, 'PATCH /v1/orders/{orderId}/items/{itemId}', {
      caller: ALICE,
      pathParameters: { orderId: fixture.orderId, itemId: fixture.itemId },
      body: { unitPrice: '0.01' },
    });
    expect(response.statusCode).toBe(403);
    expect(response.body.code).toBe('forbidden');
    expect(await snapshot(fixture.orderId)).toEqual(before);
  });

  it('a customer sending unitPrice on another customer’s order → 403 (role before lookup)', async () => {
    const fixture = await aliceOrder('CREATED');
    const response = await invoke(addItem, 'POST /v1/orders/{orderId}/items', {
      caller: BOB,
      pathParameters: { orderId: fixture.orderId },
      body: { itemId: fixture.spareItemId, quantity: 1, unitPrice: '1.00' },
    });
    expect(response.statusCode).toBe(403);
  });

  it('an employee may set unitPrice when adding and changing a line', async () => {
    const fixture = await aliceOrder('CREATED');
    const add = await invoke(addItem, 'POST /v1/orders/{orderId}/items', {
      caller: STAFF,
      pathParameters: { orderId: fixture.orderId },
      body: { itemId: fixture.spareItemId, quantity: 2, unitPrice: '1.25' },
    });
    expect(add.statusCode).toBe(201);
    expect(add.body).toMatchObject({ unitPrice: '1.25', totalPrice: '2.50' });
    const change = await invoke(updateItem, 'PATCH /v1/orders/{orderId}/items/{itemId}', {
      caller: STAFF,
      pathParameters: { orderId: fixture.orderId, itemId: fixture.itemId },
      body: { unitPrice: '2.00' },
    });
    expect(change.statusCode).toBe(200);
    expect(change.body).toMatchObject({ unitPrice: '2.00', quantity: 1, totalPrice: '2.00' });
  });
});

type Listed = { id: string; customerId: string; state: string; createdAt: string };

const newestFirst = (orders: Listed[]) =>
  [...orders].sort((a, b) => (a.createdAt === b.createdAt ? b.id.localeCompare(a.id) : b.createdAt.localeCompare(a.createdAt)));

async function listPage(caller: AnyCaller, query: Record<string, string> = {}) {
  return invoke(listOrders, 'GET /v1/orders', { caller, query });
}

/** Walks every page; fails on a non-200 page or a runaway cursor. */
async function walk(caller: AnyCaller, query: Record<string, string>) {
  const pages: Listed[][] = [];
  let cursor: string | null = null;
  do {
    const response = await listPage(caller, { ...query, ...(cursor && { cursor }) });
    expect(response.statusCode, JSON.stringify(response.body)).toBe(200);
    pages.push(response.body.items);
    cursor = response.body.nextCursor;
    expect(pages.length).toBeLessThan(200);
  } while (cursor !== null);
  return pages;
}

describe('GET /v1/orders', () => {
  const byCustomer: Record<string, Listed[]> = {};
  let carolPending: Listed;
  const carol = customer('carol');
  const dave = customer('dave');
  const erin = customer('erin');
  const frank = customer('frank');

  beforeAll(async () => {
    for (const id of ['carol', 'dave', 'erin', 'frank']) await aCustomer(id);
    const plan: [Caller, number][] = [
      [carol, 3],
      [dave, 2],
      [erin, 5],
    ];
    for (const [who, count] of plan) {
      byCustomer[who.id] = [];
      for (let n = 0; n < count; n++) byCustomer[who.id].push(await created(who));
    }
    carolPending = byCustomer.carol[1];
    await added(carol, carolPending.id, stock.id);
    await submitted(carol, carolPending.id);
    carolPending = { ...carolPending, state: 'PENDING' };
  });

  it('a customer sees only their own orders, newest first', async () => {
    const response = await listPage(carol);
    expect(response.statusCode).toBe(200);
    expect(response.body.items.map((order: Listed) => order.id)).toEqual(newestFirst(byCustomer.carol).map((order) => order.id));
    expect(response.body.nextCursor).toBeNull();
    for (const order of response.body.items) expect(order.customerId).toBe('carol');
  });

  it('list items are full orders (items, totals, version)', async () => {
    const response = await listPage(carol);
    const pending = response.body.items.find((order: Listed) => order.id === carolPending.id);
    expect(pending).toMatchObject({ state: 'PENDING', itemCount: 1, items: [expect.objectContaining({ itemId: stock.id })], version: 3 });
  });

  it('a customer with no orders gets an empty list and a null cursor', async () => {
    const response = await listPage(frank);
    expect(response.statusCode).toBe(200);
    expect(response.body).toEqual({ items: [], nextCursor: null });
  });

  it('a customer may name their own customerId', async () => {
    const response = await listPage(dave, { customerId: 'dave' });
    expect(response.statusCode).toBe(200);
    expect(response.body.items.map((order: Listed) => order.id)).toEqual(newestFirst(byCustomer.dave).map((order) => order.id));
  });

  it('a customer naming another customerId → 403 forbidden', async () => {
    const response = await listPage(dave, { customerId: 'carol' });
    expect(response.statusCode).toBe(403);
    expect(response.body.code).toBe('forbidden');
  });

  it('an employee sees every customer’s orders, newest first across pages', async () => {
    const all = (await walk(STAFF, { limit: '7' })).flat();
    const ids = all.map((order) => order.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const order of [...byCustomer.carol, ...byCustomer.dave, ...byCustomer.erin]) expect(ids).toContain(order.id);
    expect(new Set(all.map((order) => order.customerId)).size).toBeGreaterThanOrEqual(3);
    expect(ids).toEqual(newestFirst(all).map((order) => order.id));
  });

  it('an employee filters by ?state=PENDING', async () => {
    const all = (await walk(STAFF, { state: 'PENDING', limit: '100' })).flat();
    expect(all.map((order) => order.id)).toContain(carolPending.id);
    for (const order of all) expect(order.state).toBe('PENDING');
    for (const order of byCustomer.carol.filter((order) => order.id !== carolPending.id)) expect(all.map((o) => o.id)).not.toContain(order.id);
  });

  it('an employee filters by ?state=CREATED and pages through it without duplicates', async () => {
    const all = (await walk(STAFF, { state: 'CREATED', limit: '2' })).flat();
    const ids = all.map((order) => order.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const order of all) expect(order.state).toBe('CREATED');
    expect(ids).not.toContain(carolPending.id);
    for (const order of byCustomer.erin) expect(ids).toContain(order.id);
    expect(ids).toEqual(newestFirst(all).map((order) => order.id));
  });

  it('an employee filters by ?customerId=', async () => {
    const response = await listPage(STAFF, { customerId: 'carol' });
    expect(response.statusCode).toBe(200);
    expect(response.body.items.map((order: Listed) => order.id)).toEqual(newestFirst(byCustomer.carol).map((order) => order.id));
  });

  it('an employee combines ?customerId= and ?state=', async () => {
    const all = (await walk(STAFF, { customerId: 'carol', state: 'PENDING' })).flat();
    expect(all.map((order) => order.id)).toEqual([carolPending.id]);
  });

  it('an employee naming a customer without orders gets an empty list', async () => {
    const response = await listPage(STAFF, { customerId: 'frank' });
    expect(response.body).toEqual({ items: [], nextCursor: null });
  });

  it.each([
    ['state=BOGUS', { state: 'BOGUS' }],
    ['state=pending (wrong case)', { state: 'pending' }],
    ['state= (empty)', { state: '' }],
    ['limit=0', { limit: '0' }],
    ['limit=101', { limit: '101' }],
    ['limit=abc', { limit: 'abc' }],
    ['limit=1.5', { limit: '1.5' }],
    ['an unknown parameter', { sort: 'asc' }],
    ['cursor= (empty)', { cursor: '' }],
  ])('%s → 400 validation_failed (employee and customer)', async (_name, query) => {
    for (const caller of [STAFF, carol]) {
      const response = await listPage(caller, query);
      expect(response.statusCode, `${JSON.stringify(caller)} ${JSON.stringify(response.body)}`).toBe(400);
      expect(response.body.code).toBe('validation_failed');
      expect(response.headers['content-type']).toBe('application/problem+json');
    }
  });

  it('limit=1 and limit=100 are accepted', async () => {
    expect((await listPage(erin, { limit: '1' })).body.items).toHaveLength(1);
    expect((await listPage(erin, { limit: '100' })).body.items).toHaveLength(5);
  });

  it('pages a customer’s 5 orders with limit=2: 2, 2, 1, newest first, no duplicates, null cursor at the end', async () => {
    const pages = await walk(erin, { limit: '2' });
    expect(pages.map((page) => page.length)).toEqual([2, 2, 1]);
    expect(pages.flat().map((order) => order.id)).toEqual(newestFirst(byCustomer.erin).map((order) => order.id));
  });

  it('pages an employee’s ?customerId= list with limit=2 the same way', async () => {
    const pages = await walk(STAFF, { customerId: 'erin', limit: '2' });
    expect(pages.map((page) => page.length)).toEqual([2, 2, 1]);
    expect(pages.flat().map((order) => order.id)).toEqual(newestFirst(byCustomer.erin).map((order) => order.id));
  });

  describe('cursors', () => {
    const firstCursor = async (caller: AnyCaller, query: Record<string, string>) => {
      const response = await listPage(caller, { ...query, limit: '2' });
      expect(response.body.nextCursor).toEqual(expect.any(String));
      return response.body.nextCursor as string;
    };

    const expectBadCursor = (response: TestResponse) => {
      expect(response.statusCode, JSON.stringify(response.body)).toBe(400);
      expect(response.body.code).toBe('validation_failed');
      expect(response.headers['content-type']).toBe('application/problem+json');
    };

    it('a customer’s cursor used by another customer → 400', async () => {
      const cursor = await firstCursor(erin, {});
      expectBadCursor(await listPage(frank, { cursor, limit: '2' }));
    });

    it('a customer’s cursor used by an employee → 400', async () => {
      const cursor = await firstCursor(erin, {});
      expectBadCursor(await listPage(STAFF, { cursor, limit: '2' }));
    });

    it('an employee’s cursor used by another employee → 400', async () => {
      const cursor = await firstCursor(STAFF, { customerId: 'erin' });
      expectBadCursor(await listPage(employee('emp-2'), { customerId: 'erin', cursor, limit: '2' }));
    });

    it.each([
      ['without the filter', {}],
      ['with another customerId', { customerId: 'carol' }],
      ['with a state added', { customerId: 'erin', state: 'CREATED' }],
    ])('an employee’s ?customerId=erin cursor reused %s → 400', async (_name, query) => {
      const cursor = await firstCursor(STAFF, { customerId: 'erin' });
      expectBadCursor(await listPage(STAFF, { ...query, cursor, limit: '2' }));
    });

    it('an employee’s ?state=CREATED cursor reused with ?state=PENDING → 400', async () => {
      const cursor = await firstCursor(STAFF, { state: 'CREATED' });
      expectBadCursor(await listPage(STAFF, { state: 'PENDING', cursor, limit: '2' }));
    });

    it('the same cursor with the same caller and filters works', async () => {
      const cursor = await firstCursor(STAFF, { customerId: 'erin' });
      const response = await listPage(STAFF, { customerId: 'erin', cursor, limit: '2' });
      expect(response.statusCode).toBe(200);
      expect(response.body.items).toHaveLength(2);
    });

    it('a tampered cursor (payload rewritten, signature kept) → 400', async () => {
      const cursor = await firstCursor(erin, {});
      const [payload, mac] = cursor.split('.');
      const position = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
      const forged = Buffer.from(JSON.stringify(typeof position === 'string' ? `${position}x` : { ...position, forged: true })).toString('base64url');
      expectBadCursor(await listPage(erin, { cursor: `${forged}.${mac}`, limit: '2' }));
      expectBadCursor(await listPage(erin, { cursor: `${payload}.${mac.slice(0, -2)}AA`, limit: '2' }));
    });

    it.each([['garbage'], ['a.b'], ['a.b.c'], ['.'], ['%%%'], ['eyJ9.AAAAAAAAAAAAAAAAAAAAAA'], ['x'.repeat(3000)]])('a garbage cursor %j → 400', async (cursor) => {
      expectBadCursor(await listPage(erin, { cursor }));
      expectBadCursor(await listPage(STAFF, { cursor }));
    });
  });
});

describe('GET /v1/orders/{orderId}/history', () => {
  type Event = { from: string | null; to: string; at: string; by: string; role: string; comments: string | null };
  const path = (orderId: string) => ({ pathParameters: { orderId } });
  const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

  it('records one entry per transition including creation, oldest first, with actor id and role; item edits add none', async () => {
    const order = await created(ALICE, { comments: 'please hurry' });
    await added(ALICE, order.id, stock.id, 2);
    await invoke(updateItem, 'PATCH /v1/orders/{orderId}/items/{itemId}', { caller: ALICE, pathParameters: { orderId: order.id, itemId: stock.id }, body: { quantity: 3 } });
    await submitted(ALICE, order.id);
    const rejected = await invoke(reject, 'POST /v1/orders/{orderId}/reject', { caller: STAFF, ...path(order.id), body: { comments: 'Sold out' } });
    expect(rejected.statusCode).toBe(200);

    const response = await invoke(history, 'GET /v1/orders/{orderId}/history', { caller: ALICE, ...path(order.id) });
    expect(response.statusCode).toBe(200);
    const items: Event[] = response.body.items;
    expect(items.map(({ from, to, by, role }) => ({ from, to, by, role }))).toEqual([
      { from: null, to: 'CREATED', by: 'alice', role: 'customer' },
      { from: 'CREATED', to: 'PENDING', by: 'alice', role: 'customer' },
      { from: 'PENDING', to: 'REJECTED', by: 'emp-1', role: 'employee' },
    ]);
    expect(items[2].comments).toBe('Sold out');
    expect(items[1].comments).toBeNull();
    for (const item of items) expect(item.at).toMatch(ISO);
    expect(items.map((item) => item.at)).toEqual([...items.map((item) => item.at)].sort());
    expect(items[0].at).toBe(order.createdAt);
    expect(items[2].at).toBe(rejected.body.reviewedAt);
    expect(response.body.nextCursor).toBeUndefined();
  });

  it('records an approval by an employee and a creation on a customer’s behalf', async () => {
    const order = await created(STAFF, { customerId: 'alice' });
    await added(STAFF, order.id, stock.id);
    await submitted(STAFF, order.id);
    expect((await invoke(approve, 'POST /v1/orders/{orderId}/approve', { caller: employee('emp-2'), ...path(order.id) })).statusCode).toBe(200);
    const response = await invoke(history, 'GET /v1/orders/{orderId}/history', { caller: STAFF, ...path(order.id) });
    expect(response.body.items.map(({ from, to, by, role }: Event) => [from, to, by, role])).toEqual([
      [null, 'CREATED', 'emp-1', 'employee'],
      ['CREATED', 'PENDING', 'emp-1', 'employee'],
      ['PENDING', 'APPROVED', 'emp-2', 'employee'],
    ]);
  });

  it('records a cancellation by the owner with its comments', async () => {
    const order = await created(ALICE);
    expect((await invoke(cancel, 'POST /v1/orders/{orderId}/cancel', { caller: ALICE, ...path(order.id), body: { comments: 'changed my mind' } })).statusCode).toBe(200);
    const response = await invoke(history, 'GET /v1/orders/{orderId}/history', { caller: ALICE, ...path(order.id) });
    expect(response.body.items).toEqual([
      expect.objectContaining({ from: null, to: 'CREATED', by: 'alice', role: 'customer' }),
      expect.objectContaining({ from: 'CREATED', to: 'CANCELED', by: 'alice', role: 'customer', comments: 'changed my mind' }),
    ]);
  });

  it('failed transitions leave no entry', async () => {
    const order = await created(ALICE);
    expect((await invoke(submit, 'POST /v1/orders/{orderId}/submit', { caller: ALICE, ...path(order.id) })).statusCode).toBe(422);
    expect((await invoke(approve, 'POST /v1/orders/{orderId}/approve', { caller: STAFF, ...path(order.id) })).statusCode).toBe(409);
    const response = await invoke(history, 'GET /v1/orders/{orderId}/history', { caller: ALICE, ...path(order.id) });
    expect(response.body.items).toHaveLength(1);
  });

  it('another customer → 404 with no data; a missing order → 404 for an employee too', async () => {
    const order = await created(ALICE);
    expectNoOrderData(await invoke(history, 'GET /v1/orders/{orderId}/history', { caller: BOB, ...path(order.id) }));
    expect((await invoke(history, 'GET /v1/orders/{orderId}/history', { caller: BOB, ...path(order.id) })).body).not.toHaveProperty('items');
    expectNoOrderData(await invoke(history, 'GET /v1/orders/{orderId}/history', { caller: STAFF, ...path('01JZZZZZZZZZZZZZZZZZZZZZZZ') }));
  });
});
