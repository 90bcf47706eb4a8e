import { ulid } from 'ulid';
import { beforeAll, describe, expect, it } from 'vitest';
import { orderReference } from '../../functions/core/orders';
import { getOrder as readOrder, startFulfilmentOfEarlierApprovals } from '../../functions/data/orders';
import { shop } from '../../functions/data/service';
import { handler as addItem } from '../../functions/http/orders/add-item';
import { handler as approve } from '../../functions/http/orders/approve';
import { handler as cancel } from '../../functions/http/orders/cancel';
import { handler as createOrder } from '../../functions/http/orders/create';
import { handler as deliver } from '../../functions/http/orders/deliver';
import { handler as getOrder } from '../../functions/http/orders/get';
import { handler as history } from '../../functions/http/orders/history';
import { handler as listOrders } from '../../functions/http/orders/list';
import { handler as ready } from '../../functions/http/orders/ready';
import { handler as reject } from '../../functions/http/orders/reject';
import { handler as submit } from '../../functions/http/orders/submit';
import { invoke, type EventOptions } from '../fixtures/events';
import { aCustomer, aDrink, employee } from '../fixtures/shop';

const STAFF = employee('emp-f');
const READY = 'POST /v1/orders/{orderId}/ready';
const DELIVER = 'POST /v1/orders/{orderId}/deliver';
let drinkId: string;

beforeAll(async () => {
  await aCustomer('fiona');
  drinkId = (await aDrink({ onHand: 1_000_000 })).id;
});

async function anOrder(upTo: 'CREATED' | 'PENDING' | 'APPROVED' | 'READY' | 'DELIVERED' = 'APPROVED'): Promise<string> {
  const created = await invoke(createOrder, 'POST /v1/orders', { caller: STAFF, body: { customerId: 'fiona', comments: 'to go' } });
  const orderId: string = created.body.id;
  const steps: [Parameters<typeof invoke>[0], string, string][] = [
    [submit, 'POST /v1/orders/{orderId}/submit', 'PENDING'],
    [approve, 'POST /v1/orders/{orderId}/approve', 'APPROVED'],
    [ready, READY, 'READY'],
    [deliver, DELIVER, 'DELIVERED'],
  ];
  await invoke(addItem, 'POST /v1/orders/{orderId}/items', { caller: STAFF, pathParameters: { orderId }, body: { itemId: drinkId, quantity: 1 } });
  for (const [handler, route, reached] of steps) {
    if (upTo === 'CREATED') break;
    const response = await invoke(handler, route, { caller: STAFF, pathParameters: { orderId } });
    expect(response.statusCode, JSON.stringify(response.body)).toBe(200);
    if (reached === upTo) break;
  }
  return orderId;
}

const act = (handler: Parameters<typeof invoke>[0], route: string, orderId: string, options: Omit<EventOptions, 'pathParameters'> = {}) =>
  invoke(handler, route, { caller: STAFF, pathParameters: { orderId }, ...options });

describe('fulfilment of approved orders', () => {
  it('an approval starts PREPARING; ready and deliver move it on, stamp the times and add history entries', async () => {
    const orderId = await anOrder('APPROVED');
    const approved = await invoke(getOrder, 'GET /v1/orders/{orderId}', { caller: STAFF, pathParameters: { orderId } });
    expect(approved.body).toMatchObject({ state: 'APPROVED', fulfilment: 'PREPARING', readyAt: null, deliveredAt: null });

    const readied = await act(ready, READY, orderId, { body: { comments: 'counter 2' }, headers: { 'if-match': `"${approved.body.version}"` } });
    expect(readied.statusCode, JSON.stringify(readied.body)).toBe(200);
    expect(readied.body).toMatchObject({ state: 'APPROVED', fulfilment: 'READY', deliveredAt: null, comments: 'to go', version: approved.body.version + 1 });
    expect(readied.body.readyAt).toBe(readied.body.updatedAt);
    expect(readied.headers.etag).toBe(`"${readied.body.version}"`);

    const delivered = await act(deliver, DELIVER, orderId);
    expect(delivered.body).toMatchObject({ fulfilment: 'DELIVERED', readyAt: readied.body.readyAt, version: readied.body.version + 1 });
    expect(delivered.body.deliveredAt).toBe(delivered.body.updatedAt);
    expect(await invoke(getOrder, 'GET /v1/orders/{orderId}', { caller: STAFF, pathParameters: { orderId } })).toMatchObject({ body: delivered.body });

    const events = await invoke(history, 'GET /v1/orders/{orderId}/history', { caller: STAFF, pathParameters: { orderId } });
    expect(events.body.items.slice(-2)).toEqual([
      { from: 'PREPARING', to: 'READY', at: readied.body.readyAt, by: 'emp-f', role: 'employee', comments: 'counter 2' },
      { from: 'READY', to: 'DELIVERED', at: delivered.body.deliveredAt, by: 'emp-f', role: 'employee', comments: null },
    ]);
  });

  it('orders that are not approved have no fulfilment', async () => {
    for (const state of ['CREATED', 'PENDING'] as const) {
      const orderId = await anOrder(state);
      expect((await invoke(getOrder, 'GET /v1/orders/{orderId}', { caller: STAFF, pathParameters: { orderId } })).body).toMatchObject({
        state,
        fulfilment: null,
        readyAt: null,
        deliveredAt: null,
      });
    }
  });

  it('an order approved before fulfilment existed reads as PREPARING and can be marked ready', async () => {
    const now = new Date().toISOString();
    const id = ulid();
    await shop.entities.order
      .create({ id, reference: orderReference(id), customerId: 'fiona', state: 'APPROVED', lines: [], createdYear: now.slice(0, 4), createdAt: now, updatedAt: now, version: 4 })
      .go();
    const read = await invoke(getOrder, 'GET /v1/orders/{orderId}', { caller: STAFF, pathParameters: { orderId: id } });
    expect(read.body).toMatchObject({ state: 'APPROVED', fulfilment: 'PREPARING' });
    const readied = await act(ready, READY, id);
    expect(readied.body).toMatchObject({ fulfilment: 'READY', version: 5 });
  });

  // prettier-ignore
  const refusals: [from: 'CREATED' | 'PENDING' | 'APPROVED' | 'READY' | 'DELIVERED', action: 'ready' | 'deliver', state: string, fulfilment: string | null][] = [
    ['CREATED',   'ready',   'CREATED',  null],
    ['PENDING',   'ready',   'PENDING',  null],
    ['PENDING',   'deliver', 'PENDING',  null],
    ['APPROVED',  'deliver', 'APPROVED', 'PREPARING'],
    ['READY',     'ready',   'APPROVED', 'READY'],
    ['DELIVERED', 'ready',   'APPROVED', 'DELIVERED'],
    ['DELIVERED', 'deliver', 'APPROVED', 'DELIVERED'],
  ];

  it.each(refusals)('from %s, %s → 409 invalid_transition naming the state and step; nothing changes', async (from, action, state, fulfilment) => {
    const orderId = await anOrder(from);
    const before = await readOrder(orderId);
    const response = action === 'ready' ? await act(ready, READY, orderId) : await act(deliver, DELIVER, orderId);
    expect(response.statusCode).toBe(409);
    expect(response.headers['content-type']).toBe('application/problem+json');
    expect(response.body).toMatchObject({ code: 'invalid_transition', currentState: state, currentFulfilment: fulfilment });
    expect(await readOrder(orderId)).toEqual(before);
  });

  it('canceled and rejected orders cannot be fulfilled', async () => {
    const canceled = await anOrder('CREATED');
    expect((await act(cancel, 'POST /v1/orders/{orderId}/cancel', canceled)).statusCode).toBe(200);
    expect((await act(deliver, DELIVER, canceled)).body).toMatchObject({ code: 'invalid_transition', currentState: 'CANCELED', currentFulfilment: null });
    const orderId = await anOrder('PENDING');
    expect((await act(reject, 'POST /v1/orders/{orderId}/reject', orderId, { body: { comments: 'no' } })).statusCode).toBe(200);
    expect((await act(ready, READY, orderId)).body).toMatchObject({ code: 'invalid_transition', currentState: 'REJECTED', currentFulfilment: null });
  });

  it('follows the check order: 404, then 400, then 412, then 409', async () => {
    expect((await act(ready, READY, ulid(), { body: { nonsense: 1 } })).body).toMatchObject({ status: 404, code: 'not_found' });
    const orderId = await anOrder('CREATED');
    const badBody = await act(ready, READY, orderId, { body: { comments: 'x'.repeat(1001) }, headers: { 'if-match': '"99"' } });
    expect(badBody.body).toMatchObject({ status: 400, code: 'validation_failed' });
    expect((await act(deliver, DELIVER, orderId, { body: { extra: true } })).body).toMatchObject({ status: 400, code: 'validation_failed' });
    expect((await act(ready, READY, orderId, { headers: { 'if-match': '"99"' } })).body).toMatchObject({ status: 412, code: 'precondition_failed' });
    expect((await act(ready, READY, orderId)).body).toMatchObject({ status: 409, code: 'invalid_transition' });
  });

  it('a stale If-Match is a 412 and changes nothing', async () => {
    const orderId = await anOrder('APPROVED');
    const before = await readOrder(orderId);
    const response = await act(ready, READY, orderId, { headers: { 'if-match': `"${before!.version - 1}"` } });
    expect(response.statusCode).toBe(412);
    expect(await readOrder(orderId)).toEqual(before);
  });

  it('two ready at once: exactly one 200, the other 409; one history entry', async () => {
    const orderIds = await Promise.all(Array.from({ length: 4 }, () => anOrder('APPROVED')));
    for (const orderId of orderIds) {
      const responses = await Promise.all(Array.from({ length: 4 }, () => act(ready, READY, orderId)));
      expect(responses.map((response) => response.statusCode).sort()).toEqual([200, 409, 409, 409]);
      const events = await invoke(history, 'GET /v1/orders/{orderId}/history', { caller: STAFF, pathParameters: { orderId } });
      expect(events.body.items.filter((event: { to: string }) => event.to === 'READY')).toHaveLength(1);
    }
  });

  it('ready and deliver racing on a READY order: deliver wins or 409s, never both applied twice', async () => {
    const orderId = await anOrder('READY');
    const responses = await Promise.all([act(deliver, DELIVER, orderId), act(deliver, DELIVER, orderId), act(ready, READY, orderId)]);
    expect(responses.map((response) => response.statusCode).sort()).toEqual([200, 409, 409]);
    expect((await readOrder(orderId))?.fulfilment).toBe('DELIVERED');
  });
});

describe('lists by fulfilment step and sort order', () => {
  const list = async (query: Record<string, string>, caller: EventOptions['caller'] = STAFF) => invoke(listOrders, 'GET /v1/orders', { caller, query });

  async function all(query: Record<string, string>) {
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await list({ ...query, limit: '2', ...(cursor && { cursor }) });
      expect(page.statusCode, JSON.stringify(page.body)).toBe(200);
      ids.push(...page.body.items.map((order: { id: string }) => order.id));
      cursor = page.body.nextCursor ?? undefined;
    } while (cursor);
    return ids;
  }

  it('?fulfilment= lists approved orders at that step, newest or oldest first, across pages', async () => {
    const preparing = [await anOrder('APPROVED'), await anOrder('APPROVED'), await anOrder('APPROVED')];
    const readyOnes = [await anOrder('READY'), await anOrder('READY'), await anOrder('READY')];
    await anOrder('PENDING');
    const inList = (ids: string[], mine: string[]) => ids.filter((id) => mine.includes(id));
    expect(inList(await all({ fulfilment: 'READY' }), readyOnes)).toEqual([...readyOnes].reverse());
    expect(inList(await all({ fulfilment: 'READY', sort: 'oldest' }), readyOnes)).toEqual(readyOnes);
    const preparingIds = await all({ fulfilment: 'PREPARING', sort: 'oldest', state: 'APPROVED' });
    expect(inList(preparingIds, preparing)).toEqual(preparing);
    for (const id of preparingIds) expect((await readOrder(id))?.fulfilment).toBe('PREPARING');
  });

  it('orders approved before fulfilment existed join the PREPARING board through the backfill, once, unchanged otherwise', async () => {
    const now = new Date().toISOString();
    const id = ulid();
    await shop.entities.order
      .create({ id, reference: orderReference(id), customerId: 'fiona', state: 'APPROVED', lines: [], createdYear: now.slice(0, 4), createdAt: now, updatedAt: now, version: 4 })
      .go();
    expect(await all({ fulfilment: 'PREPARING' })).not.toContain(id);
    const before = await readOrder(id);
    expect(await startFulfilmentOfEarlierApprovals()).toBeGreaterThanOrEqual(1);
    expect(await all({ fulfilment: 'PREPARING' })).toContain(id);
    expect(await readOrder(id)).toEqual({ ...before, fulfilment: 'PREPARING' });
    expect(await startFulfilmentOfEarlierApprovals()).toBe(0);
  });

  it('?sort=oldest works with every filter; newest stays the default', async () => {
    const ids = [await anOrder('PENDING'), await anOrder('PENDING'), await anOrder('PENDING')];
    const mine = (found: string[]) => found.filter((id) => ids.includes(id));
    expect(mine(await all({ state: 'PENDING', sort: 'oldest' }))).toEqual(ids);
    expect(mine(await all({ state: 'PENDING' }))).toEqual([...ids].reverse());
    expect(mine(await all({ state: 'PENDING', sort: 'newest' }))).toEqual([...ids].reverse());
    expect(mine(await all({ sort: 'oldest' }))).toEqual(ids);
    expect(mine(await all({ customerId: 'fiona', sort: 'oldest' }))).toEqual(ids);
    expect(mine(await all({ customerId: 'fiona', state: 'PENDING', sort: 'oldest' }))).toEqual(ids);
  });

  it('a cursor is bound to its sort order and fulfilment filter', async () => {
    await anOrder('READY');
    await anOrder('READY');
    await anOrder('READY');
    const first = await list({ fulfilment: 'READY', limit: '1' });
    const cursor = first.body.nextCursor as string;
    expect(cursor).toEqual(expect.any(String));
    const others: Record<string, string>[] = [{ fulfilment: 'READY', sort: 'oldest' }, { fulfilment: 'PREPARING' }, {}];
    for (const other of others) {
      expect((await list({ ...other, cursor })).body).toMatchObject({ status: 400, code: 'validation_failed' });
    }
    expect((await list({ fulfilment: 'READY', cursor })).statusCode).toBe(200);
  });

  it('bad values, a contradicting state, and customers filtering by fulfilment are refused', async () => {
    const bad: Record<string, string>[] = [{ sort: 'asc' }, { sort: '' }, { fulfilment: 'COLD' }, { fulfilment: 'ready' }, { fulfilment: 'READY', state: 'PENDING' }];
    for (const query of bad) {
      expect((await list(query)).body, JSON.stringify(query)).toMatchObject({ status: 400, code: 'validation_failed' });
    }
    const fiona = { id: 'fiona', role: 'customer' as const };
    expect((await list({ fulfilment: 'READY' }, fiona)).body).toMatchObject({ status: 403, code: 'forbidden' });
    expect((await list({ sort: 'oldest' }, fiona)).statusCode).toBe(200);
  });
});
