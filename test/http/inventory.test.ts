import { describe, expect, it } from 'vitest';
import type { Caller } from '../../functions/core/roles';
import { getInventoryItem } from '../../functions/data/inventory';
import { handler as adjust } from '../../functions/http/inventory/adjust';
import { handler as archive } from '../../functions/http/inventory/archive';
import { handler as create } from '../../functions/http/inventory/create';
import { handler as get } from '../../functions/http/inventory/get';
import { handler as list } from '../../functions/http/inventory/list';
import { handler as patch } from '../../functions/http/inventory/patch';
import { employeeInventoryItem, publicInventoryItem } from '../../functions/http/inventory/schemas';
import { invoke, type EventOptions, type TestResponse } from '../fixtures/events';
import { tokenIssuer } from '../support/tokens';

const { accessToken } = await tokenIssuer();

const employee: Caller = { id: 'emp-1', role: 'employee' };
const customer: Caller = { id: 'cust-1', role: 'customer' };
type Who = Caller | 'anonymous';

type Handler = Parameters<typeof invoke>[0];
function call(handler: Handler, route: string, who: Who, options: EventOptions = {}): Promise<TestResponse> {
  if (who === 'anonymous') return invoke(handler, route, options);
  const headers = { authorization: `Bearer ${accessToken(who)}`, ...options.headers };
  return invoke(handler, route, { ...options, caller: who, headers });
}

const ITEM = 'POST /v1/inventory';
const ONE = '/v1/inventory/{itemId}';
const ADJUST = 'POST /v1/inventory/{itemId}/adjustments';
const at = (itemId: string) => ({ pathParameters: { itemId } });
const ifMatch = (version: number | string) => ({ 'if-match': `"${version}"` });
const MISSING = '01JZZZZZZZZZZZZZZZZZZZZZZZ';

async function newItem(body: Record<string, unknown> = {}) {
  const response = await call(create, ITEM, employee, { body: { name: 'Cappuccino', type: 'COFFEE', price: '3.50', onHand: 10, ...body } });
  expect(response.statusCode).toBe(201);
  return response.body as { id: string; version: number; onHand: number };
}

async function archived() {
  const item = await newItem({ name: 'Discontinued' });
  expect((await call(archive, `DELETE ${ONE}`, employee, at(item.id))).statusCode).toBe(204);
  return item;
}

function expectValidationFailed(response: TestResponse, label = '') {
  expect(response.statusCode, label).toBe(400);
  expect(response.headers['content-type']).toBe('application/problem+json');
  expect(response.body.code, label).toBe('validation_failed');
  expect(Array.isArray(response.body.errors) && response.body.errors.length > 0, label).toBe(true);
}

describe('POST /v1/inventory', () => {
  it('creates the item for an employee: 201, every field, defaults, trimmed name, ETag', async () => {
    const response = await call(create, ITEM, employee, { body: { name: '  Flat White ', type: 'COFFEE', price: '6.40' } });
    expect(response.statusCode).toBe(201);
    expect(response.headers.etag).toBe('"1"');
    expect(response.body).toEqual({
      id: expect.stringMatching(/^[0-9A-HJKMNP-TV-Z]{26}$/),
      name: 'Flat White',
      type: 'COFFEE',
      caffeinated: false,
      flavored: false,
      price: '6.40',
      state: 'OUT_OF_STOCK',
      onHand: 0,
      warnLimit: 3,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      updatedAt: response.body.createdAt,
      version: 1,
    });
    expect(Object.keys(response.body)).toEqual([
      'id', 'name', 'type', 'caffeinated', 'flavored', 'price', 'state', 'onHand', 'warnLimit', 'createdAt', 'updatedAt', 'version',
    ]);
    const stored = await getInventoryItem(response.body.id);
    expect(stored).toMatchObject({ priceCents: 640, listing: 'active' });
  });

  it('takes every optional field and the boundary values', async () => {
    const name = 'x'.repeat(150);
    const response = await call(create, ITEM, employee, {
      body: { name, type: 'TEA', caffeinated: true, flavored: true, price: '999.99', onHand: 1_000_000, warnLimit: 1_000_000 },
    });
    expect(response.statusCode).toBe(201);
    expect(response.body).toMatchObject({ name, caffeinated: true, flavored: true, price: '999.99', onHand: 1_000_000, warnLimit: 1_000_000, state: 'FEW_REMAINING' });
    const free = await call(create, ITEM, employee, { body: { name: 'Tap water', type: ' WATER ', price: '0.00', warnLimit: 0 } });
    expect(free.body).toMatchObject({ type: 'WATER', price: '0.00', onHand: 0, warnLimit: 0, state: 'OUT_OF_STOCK' });
  });

  it('is for employees only: customers 403, anonymous callers 401', async () => {
    const body = { name: 'Mocha', type: 'COFFEE', price: '4.00' };
    const forCustomer = await call(create, ITEM, customer, { body });
    expect(forCustomer.statusCode).toBe(403);
    expect(forCustomer.body.code).toBe('forbidden');
    expect((await call(create, ITEM, 'anonymous', { body })).statusCode).toBe(401);
  });

  it.each([
    ['price with one decimal', { price: '1.5' }],
    ['price above 999.99', { price: '1000.00' }],
    ['negative price', { price: '-1.00' }],
    ['price as a number', { price: 6.4 }],
    ['negative onHand', { onHand: -1 }],
    ['fractional onHand', { onHand: 1.5 }],
    ['onHand above the maximum', { onHand: 1_000_001 }],
    ['negative warnLimit', { warnLimit: -1 }],
    ['onHand as a string', { onHand: '5' }],
    ['an unknown field', { colour: 'brown' }],
    ['a client-chosen id', { id: 'mine' }],
    ['a name of 151 characters', { name: 'x'.repeat(151) }],
    ['a blank name', { name: '   ' }],
    ['no name', { name: undefined }],
    ['a type not in the list', { type: 'BEER' }],
    ['a lower-case type', { type: 'coffee' }],
    ['no price', { price: undefined }],
    ['a non-boolean caffeinated', { caffeinated: 'yes' }],
    ['a null flavored', { flavored: null }],
  ])('refuses %s with 400 validation_failed', async (label, change) => {
    const body = { name: 'Latte', type: 'COFFEE', price: '4.20', ...change };
    expectValidationFailed(await call(create, ITEM, employee, { body }), label);
  });

  it('refuses malformed JSON and non-object bodies with 400', async () => {
    for (const body of ['{"name":', '[]', '"Latte"']) expectValidationFailed(await call(create, ITEM, employee, { body }), body);
  });
});

describe('GET /v1/inventory/{itemId}', () => {
  it('shows employees everything with an ETag', async () => {
    const item = await newItem({ name: 'Chai', type: 'TEA', price: '2.75', onHand: 3, warnLimit: 3 });
    const response = await call(get, `GET ${ONE}`, employee, at(item.id));
    expect(response.statusCode).toBe(200);
    expect(response.headers.etag).toBe('"1"');
    expect(response.body).toEqual(item);
    expect(response.body).toMatchObject({ onHand: 3, warnLimit: 3, version: 1, state: 'FEW_REMAINING', price: '2.75' });
    expect(employeeInventoryItem.safeParse(response.body).success).toBe(true);
  });

  it.each([['a customer', customer], ['an anonymous caller', 'anonymous']] as const)(
    'hides onHand, warnLimit and version from %s (absent, not null) and sends no ETag',
    async (_label, who) => {
      const item = await newItem({ name: 'Green Tea', type: 'TEA', onHand: 5 });
      const response = await call(get, `GET ${ONE}`, who, at(item.id));
      expect(response.statusCode).toBe(200);
      for (const hidden of ['onHand', 'warnLimit', 'version']) expect(hidden in response.body, hidden).toBe(false);
      expect(response.headers.etag).toBeUndefined();
      const visible = Object.entries(item).filter(([field]) => !['onHand', 'warnLimit', 'version'].includes(field));
      expect(response.body).toEqual(Object.fromEntries(visible));
      expect(publicInventoryItem.safeParse(response.body).success).toBe(true);
      expect(employeeInventoryItem.safeParse(response.body).success).toBe(false);
      expect(response.body.state).toBe('AVAILABLE');
    },
  );

  it('answers 404 not_found for missing and archived items, to everyone', async () => {
    const gone = await archived();
    for (const who of [employee, customer, 'anonymous'] as const) {
      for (const itemId of [MISSING, gone.id]) {
        const response = await call(get, `GET ${ONE}`, who, at(itemId));
        expect(response.statusCode).toBe(404);
        expect(response.body).toMatchObject({ status: 404, code: 'not_found' });
      }
    }
  });

  it('answers 401 for a present but invalid token on the optional-auth routes', async () => {
    const item = await newItem();
    const tampered = `${accessToken(employee).slice(0, -4)}AAAA`;
    expect((await invoke(get, `GET ${ONE}`, { ...at(item.id), headers: { authorization: `Bearer ${tampered}` } })).statusCode).toBe(401);
    expect((await invoke(list, 'GET /v1/inventory', { headers: { authorization: 'Basic abc' } })).statusCode).toBe(401);
  });
});

describe('PATCH /v1/inventory/{itemId}', () => {
  const PATCH = `PATCH ${ONE}`;

  it('changes any of the editable fields, bumps the version and recomputes the state', async () => {
    const item = await newItem({ onHand: 4, warnLimit: 3 });
    const response = await call(patch, PATCH, employee, {
      ...at(item.id),
      body: { name: ' Iced Cappuccino ', type: 'OTHER', caffeinated: true, flavored: true, price: '4.05', warnLimit: 4 },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers.etag).toBe('"2"');
    expect(response.body).toMatchObject({
      id: item.id,
      name: 'Iced Cappuccino',
      type: 'OTHER',
      caffeinated: true,
      flavored: true,
      price: '4.05',
      warnLimit: 4,
      onHand: 4,
      state: 'FEW_REMAINING',
      version: 2,
    });
    expect(response.body.updatedAt >= response.body.createdAt).toBe(true);
    expect((await call(get, `GET ${ONE}`, employee, at(item.id))).body).toEqual(response.body);
  });

  it('treats blank strings as not sent', async () => {
    const item = await newItem();
    const response = await call(patch, PATCH, employee, { ...at(item.id), body: { name: '  ', type: '', price: ' 4.00 ' } });
    expect(response.statusCode).toBe(200);
    expect(response.body).toMatchObject({ name: 'Cappuccino', type: 'COFFEE', price: '4.00', version: 2 });
  });

  it('honours If-Match: the current version passes, a stale or garbled one is 412 and changes nothing', async () => {
    const item = await newItem();
    const ok = await call(patch, PATCH, employee, { ...at(item.id), body: { price: '3.60' }, headers: ifMatch(1) });
    expect(ok.body).toMatchObject({ price: '3.60', version: 2 });
    for (const header of [ifMatch(1), { 'if-match': 'not-a-version' }]) {
      const stale = await call(patch, PATCH, employee, { ...at(item.id), body: { price: '9.99' }, headers: header });
      expect(stale.statusCode).toBe(412);
      expect(stale.body.code).toBe('precondition_failed');
    }
    expect(await getInventoryItem(item.id)).toMatchObject({ priceCents: 360, version: 2 });
  });

  it.each([
    ['onHand', { onHand: 5 }],
    ['an empty body', {}],
    ['only blank strings', { name: '  ' }],
    ['an unknown field', { stock: 5 }],
    ['a bad price', { price: '1.5' }],
    ['a name of 151 characters', { name: 'x'.repeat(151) }],
    ['a negative warnLimit', { warnLimit: -1 }],
    ['a null name', { name: null }],
  ])('refuses %s with 400 validation_failed', async (label, body) => {
    const item = await newItem();
    expectValidationFailed(await call(patch, PATCH, employee, { ...at(item.id), body }), label);
    expect(await getInventoryItem(item.id)).toMatchObject({ version: 1, onHand: 10 });
  });

  it('checks in the contract order: 404 before 400, 400 before 412', async () => {
    const item = await newItem();
    const gone = await archived();
    for (const itemId of [MISSING, gone.id]) {
      expect((await call(patch, PATCH, employee, { ...at(itemId), body: { price: '1.00' } })).statusCode).toBe(404);
      expect((await call(patch, PATCH, employee, { ...at(itemId), body: { onHand: 1 } })).statusCode).toBe(404);
      expect((await call(patch, PATCH, employee, { ...at(itemId), body: { price: '1.00' }, headers: ifMatch(9) })).statusCode).toBe(404);
    }
    expectValidationFailed(await call(patch, PATCH, employee, { ...at(item.id), body: { onHand: 1 }, headers: ifMatch(9) }));
  });

  it('is for employees only', async () => {
    const item = await newItem();
    expect((await call(patch, PATCH, customer, { ...at(item.id), body: { price: '0.01' } })).statusCode).toBe(403);
    expect((await call(patch, PATCH, 'anonymous', { ...at(item.id), body: { price: '0.01' } })).statusCode).toBe(401);
    expect(await getInventoryItem(item.id)).toMatchObject({ priceCents: 350, version: 1 });
  });

  it('applies every one of n parallel PATCHes without If-Match: version ends at 1 + n', async () => {
    const item = await newItem();
    const n = 12;
    const responses = await Promise.all(
      Array.from({ length: n }, (_, i) => call(patch, PATCH, employee, { ...at(item.id), body: { warnLimit: i } })),
    );
    expect(responses.map((response) => response.statusCode)).toEqual(Array(n).fill(200));
    expect(new Set(responses.map((response) => response.body.version)).size).toBe(n);
    expect(await getInventoryItem(item.id)).toMatchObject({ version: 1 + n });
  });

  it('lets exactly one of several parallel PATCHes with the same If-Match win; the rest get 412', async () => {
    const item = await newItem();
    const responses = await Promise.all(
      Array.from({ length: 8 }, (_, i) => call(patch, PATCH, employee, { ...at(item.id), body: { warnLimit: i }, headers: ifMatch(1) })),
    );
    const statuses = responses.map((response) => response.statusCode).sort();
    expect(statuses).toEqual([200, ...Array(7).fill(412)]);
    expect(await getInventoryItem(item.id)).toMatchObject({ version: 2 });
  });
});

describe('POST /v1/inventory/{itemId}/adjustments', () => {
  it('adds and removes stock, bumping the version each time', async () => {
    const item = await newItem({ onHand: 0 });
    const added = await call(adjust, ADJUST, employee, { ...at(item.id), body: { delta: 5, reason: 'delivery' } });
    expect(added.statusCode).toBe(200);
    expect(added.headers.etag).toBe('"2"');
    expect(added.body).toMatchObject({ onHand: 5, state: 'AVAILABLE', version: 2 });
    const removed = await call(adjust, ADJUST, employee, { ...at(item.id), body: { delta: -5, reason: ' breakage ' }, headers: ifMatch(2) });
    expect(removed.body).toMatchObject({ onHand: 0, state: 'OUT_OF_STOCK', version: 3 });
  });

  it('answers 409 insufficient_stock with itemId, requested and available, and changes nothing', async () => {
    const item = await newItem({ onHand: 3 });
    const response = await call(adjust, ADJUST, employee, { ...at(item.id), body: { delta: -4, reason: 'spoiled' } });
    expect(response.statusCode).toBe(409);
    expect(response.headers['content-type']).toBe('application/problem+json');
    expect(response.body).toMatchObject({ status: 409, code: 'insufficient_stock', itemId: item.id, requested: 4, available: 3 });
    expect(response.body.detail).toEqual(expect.any(String));
    expect(await getInventoryItem(item.id)).toMatchObject({ onHand: 3, version: 1 });
  });

  it('refuses to raise onHand above 1000000 with 400, changing nothing', async () => {
    const item = await newItem({ onHand: 999_999 });
    expectValidationFailed(await call(adjust, ADJUST, employee, { ...at(item.id), body: { delta: 2, reason: 'count' } }));
    const full = await call(adjust, ADJUST, employee, { ...at(item.id), body: { delta: 1, reason: 'count' } });
    expect(full.body).toMatchObject({ onHand: 1_000_000, version: 2 });
  });

  it.each([
    ['delta 0', { delta: 0, reason: 'x' }],
    ['a fractional delta', { delta: 1.5, reason: 'x' }],
    ['a string delta', { delta: '1', reason: 'x' }],
    ['no delta', { reason: 'x' }],
    ['a delta beyond the stock range', { delta: -1_000_001, reason: 'x' }],
    ['a reason empty after trimming', { delta: 1, reason: '   ' }],
    ['no reason', { delta: 1 }],
    ['a reason of 201 characters', { delta: 1, reason: 'x'.repeat(201) }],
    ['an unknown field', { delta: 1, reason: 'x', onHand: 5 }],
  ])('refuses %s with 400 validation_failed', async (label, body) => {
    const item = await newItem();
    expectValidationFailed(await call(adjust, ADJUST, employee, { ...at(item.id), body }), label);
    expect(await getInventoryItem(item.id)).toMatchObject({ onHand: 10, version: 1 });
  });

  it('checks in the contract order: 404, then 400, then 412, then stock', async () => {
    const item = await newItem({ onHand: 1 });
    const gone = await archived();
    for (const itemId of [MISSING, gone.id]) {
      expect((await call(adjust, ADJUST, employee, { ...at(itemId), body: { delta: 1, reason: 'x' } })).statusCode).toBe(404);
      expect((await call(adjust, ADJUST, employee, { ...at(itemId), body: { delta: 0, reason: '' } })).statusCode).toBe(404);
      expect((await call(adjust, ADJUST, employee, { ...at(itemId), body: { delta: 1, reason: 'x' }, headers: ifMatch('x') })).statusCode).toBe(404);
    }
    expectValidationFailed(await call(adjust, ADJUST, employee, { ...at(item.id), body: { delta: 0, reason: 'x' }, headers: ifMatch(7) }));
    const stale = await call(adjust, ADJUST, employee, { ...at(item.id), body: { delta: -5, reason: 'x' }, headers: ifMatch(7) });
    expect(stale.statusCode).toBe(412);
    expect(stale.body.code).toBe('precondition_failed');
    expect((await call(adjust, ADJUST, employee, { ...at(item.id), body: { delta: -5, reason: 'x' }, headers: ifMatch(1) })).statusCode).toBe(409);
    expect(await getInventoryItem(item.id)).toMatchObject({ onHand: 1, version: 1 });
  });

  it('is for employees only', async () => {
    const item = await newItem();
    expect((await call(adjust, ADJUST, customer, { ...at(item.id), body: { delta: -1, reason: 'x' } })).statusCode).toBe(403);
    expect((await call(adjust, ADJUST, 'anonymous', { ...at(item.id), body: { delta: -1, reason: 'x' } })).statusCode).toBe(401);
    expect(await getInventoryItem(item.id)).toMatchObject({ onHand: 10, version: 1 });
  });

  it('is atomic: of 20 parallel -1 adjustments on 10 in stock, exactly 10 succeed and 10 get 409', async () => {
    const item = await newItem({ onHand: 10 });
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => call(adjust, ADJUST, employee, { ...at(item.id), body: { delta: -1, reason: 'sold' } })),
    );
    const statuses = responses.map((response) => response.statusCode);
    expect(statuses.filter((status) => status === 200)).toHaveLength(10);
    expect(statuses.filter((status) => status === 409)).toHaveLength(10);
    for (const refused of responses.filter((response) => response.statusCode === 409)) {
      expect(refused.body).toMatchObject({ code: 'insufficient_stock', itemId: item.id, requested: 1, available: 0 });
    }
    expect(responses.filter((r) => r.statusCode === 200).map((r) => r.body.onHand).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(await getInventoryItem(item.id)).toMatchObject({ onHand: 0, version: 11 });
  });
});

describe('DELETE /v1/inventory/{itemId}', () => {
  const DELETE = `DELETE ${ONE}`;

  it('archives: 204 with no body, then 404 on reads and a second DELETE, gone from the list, kept in storage', async () => {
    const item = await newItem({ name: 'Archived Americano' });
    const response = await call(archive, DELETE, employee, { ...at(item.id), headers: ifMatch(1) });
    expect(response.statusCode).toBe(204);
    expect(response.body).toBeUndefined();
    expect((await call(get, `GET ${ONE}`, employee, at(item.id))).statusCode).toBe(404);
    expect((await call(archive, DELETE, employee, at(item.id))).statusCode).toBe(404);
    const listed = await call(list, 'GET /v1/inventory', employee, { query: { limit: '100' } });
    expect(listed.body.nextCursor).toBeNull();
    expect(listed.body.items.map((listedItem: { id: string }) => listedItem.id)).not.toContain(item.id);
    expect(await getInventoryItem(item.id)).toMatchObject({ listing: 'archived', version: 2 });
  });

  it('answers 412 for a stale If-Match and keeps the item', async () => {
    const item = await newItem();
    for (const headers of [ifMatch(2), { 'if-match': 'W/"x"' }]) {
      const response = await call(archive, DELETE, employee, { ...at(item.id), headers });
      expect(response.statusCode).toBe(412);
    }
    expect((await call(get, `GET ${ONE}`, 'anonymous', at(item.id))).statusCode).toBe(200);
  });

  it('answers 404 for missing items, also with If-Match', async () => {
    expect((await call(archive, DELETE, employee, at(MISSING))).statusCode).toBe(404);
    expect((await call(archive, DELETE, employee, { ...at(MISSING), headers: ifMatch(1) })).statusCode).toBe(404);
  });

  it('is for employees only', async () => {
    const item = await newItem();
    expect((await call(archive, DELETE, customer, at(item.id))).statusCode).toBe(403);
    expect((await call(archive, DELETE, 'anonymous', at(item.id))).statusCode).toBe(401);
    expect(await getInventoryItem(item.id)).toMatchObject({ listing: 'active' });
  });
});
