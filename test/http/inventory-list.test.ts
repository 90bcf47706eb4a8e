import { beforeAll, describe, expect, it } from 'vitest';
import type { BeverageType, StockState } from '../../functions/core/inventory';
import type { Caller } from '../../functions/core/roles';
import { adjustStock, archiveInventoryItem, createInventoryItem, updateInventoryItem, type NewInventoryItem } from '../../functions/data/inventory';
import { handler as list } from '../../functions/http/inventory/list';
import { employeeInventoryItem, inventoryPage, publicInventoryItem } from '../../functions/http/inventory/schemas';
import { invoke, type EventOptions, type TestResponse } from '../fixtures/events';
import { tokenIssuer } from '../support/tokens';

const { accessToken } = await tokenIssuer();

const employee: Caller = { id: 'emp-1', role: 'employee' };
const otherEmployee: Caller = { id: 'emp-2', role: 'employee' };
const customer: Caller = { id: 'cust-1', role: 'customer' };
type Who = Caller | 'anonymous';

const ROUTE = 'GET /v1/inventory';
function listAs(who: Who, query: Record<string, string> = {}): Promise<TestResponse> {
  const options: EventOptions = { query };
  if (who === 'anonymous') return invoke(list, ROUTE, options);
  return invoke(list, ROUTE, { ...options, caller: who, headers: { authorization: `Bearer ${accessToken(who)}` } });
}

interface Listed {
  id: string;
  name: string;
  type: BeverageType;
  state: StockState;
  onHand?: number;
}

/** Follows nextCursor to the end, checking that every page respects the limit. */
async function everyPage(who: Who, query: Record<string, string>, limit: number) {
  const pages: Listed[][] = [];
  let cursor: string | null = null;
  do {
    const response = await listAs(who, { ...query, limit: String(limit), ...(cursor && { cursor }) });
    expect(response.statusCode).toBe(200);
    expect(response.body.items.length).toBeLessThanOrEqual(limit);
    pages.push(response.body.items);
    cursor = response.body.nextCursor;
    expect(pages.length).toBeLessThan(50);
  } while (cursor);
  return { pages, items: pages.flat() };
}

// name, type, onHand, warnLimit: the state boundaries are all here.
const menu: [string, BeverageType, number, number][] = [
  ['Espresso', 'COFFEE', 0, 3], // OUT_OF_STOCK
  ['americano', 'COFFEE', 0, 0], // OUT_OF_STOCK even with warnLimit 0
  ['Cortado', 'COFFEE', 3, 3], // FEW_REMAINING at onHand = warnLimit
  ['Doppio', 'COFFEE', 4, 3], // AVAILABLE at warnLimit + 1
  ['Lungo', 'COFFEE', 1, 0], // AVAILABLE: warnLimit 0, onHand 1
  ['Ristretto', 'COFFEE', 1, 3], // FEW_REMAINING
  ['Chai', 'TEA', 10, 3],
  ['earl Grey', 'TEA', 2, 3],
  ['Matcha', 'TEA', 0, 3],
  ['Orange Juice', 'JUICE', 20, 5],
  ['apple juice', 'JUICE', 5, 5],
  ['Cola', 'SODA', 100, 10],
  ['Still Water', 'WATER', 50, 10],
  ['Kombucha', 'OTHER', 6, 6],
];
const expectedState = (onHand: number, warnLimit: number): StockState =>
  onHand === 0 ? 'OUT_OF_STOCK' : onHand <= warnLimit ? 'FEW_REMAINING' : 'AVAILABLE';
const byName = (names: string[]) => [...names].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()));

const drink = (name: string, type: BeverageType, onHand: number, warnLimit: number): NewInventoryItem => ({
  name,
  type,
  caffeinated: false,
  flavored: false,
  priceCents: 300,
  onHand,
  warnLimit,
});

beforeAll(async () => {
  for (const [name, type, onHand, warnLimit] of menu) await createInventoryItem(drink(name, type, onHand, warnLimit));
  const gone = await createInventoryItem(drink('Archived Affogato', 'COFFEE', 5, 3));
  await archiveInventoryItem(gone.id);
});

describe('GET /v1/inventory', () => {
  it('lists the active menu by name, case-insensitively, without archived items', async () => {
    const response = await listAs('anonymous');
    expect(response.statusCode).toBe(200);
    expect(response.body.nextCursor).toBeNull();
    expect(response.body.items.map((item: Listed) => item.name)).toEqual(byName(menu.map(([name]) => name)));
  });

  it('derives the state at every boundary', async () => {
    const { items } = await everyPage(employee, {}, 100);
    for (const [name, , onHand, warnLimit] of menu) {
      expect(items.find((item) => item.name === name), name).toMatchObject({ onHand, state: expectedState(onHand, warnLimit) });
    }
  });

  it('shows stock and version to employees only; for everyone else the fields are absent', async () => {
    const [asEmployee, asCustomer, asAnonymous] = await Promise.all([listAs(employee), listAs(customer), listAs('anonymous')]);
    for (const item of asEmployee.body.items) {
      expect(item).toEqual(expect.objectContaining({ onHand: expect.any(Number), warnLimit: expect.any(Number), version: 1 }));
      expect(employeeInventoryItem.safeParse(item).success).toBe(true);
    }
    for (const response of [asCustomer, asAnonymous]) {
      expect(inventoryPage.safeParse(response.body).success).toBe(true);
      expect(response.body.items).toHaveLength(menu.length);
      for (const item of response.body.items) {
        expect(publicInventoryItem.safeParse(item).success).toBe(true);
        for (const hidden of ['onHand', 'warnLimit', 'version']) expect(hidden in item, hidden).toBe(false);
        expect(Object.keys(item).sort()).toEqual(['caffeinated', 'createdAt', 'flavored', 'id', 'name', 'price', 'state', 'type', 'updatedAt']);
      }
    }
  });

  it.each(['COFFEE', 'TEA', 'JUICE', 'SODA', 'WATER', 'OTHER'] as const)('filters by type %s', async (type) => {
    const response = await listAs(customer, { type });
    expect(response.statusCode).toBe(200);
    expect(response.body.items.map((item: Listed) => item.name)).toEqual(byName(menu.filter((row) => row[1] === type).map(([name]) => name)));
  });

  it.each(['AVAILABLE', 'FEW_REMAINING', 'OUT_OF_STOCK'] as const)('filters by state %s, boundaries included', async (state) => {
    const response = await listAs('anonymous', { state });
    expect(response.statusCode).toBe(200);
    const expected = menu.filter(([, , onHand, warnLimit]) => expectedState(onHand, warnLimit) === state).map(([name]) => name);
    expect(expected.length).toBeGreaterThan(2);
    expect(response.body.items.map((item: Listed) => item.name)).toEqual(byName(expected));
    for (const item of response.body.items) expect(item.state).toBe(state);
  });

  it('combines type and state filters', async () => {
    const response = await listAs(employee, { type: 'COFFEE', state: 'FEW_REMAINING' });
    expect(response.body.items.map((item: Listed) => item.name)).toEqual(['Cortado', 'Ristretto']);
  });

  it('pages through more items than the limit in order, without duplicates or gaps', async () => {
    const { pages, items } = await everyPage(customer, {}, 4);
    expect(pages.length).toBe(4);
    expect(pages.slice(0, -1).every((page) => page.length === 4)).toBe(true);
    expect(items.map((item) => item.name)).toEqual(byName(menu.map(([name]) => name)));
    expect(new Set(items.map((item) => item.id)).size).toBe(menu.length);
  });

  it('pages through a filtered list: short pages allowed, the union is exactly the filtered set', async () => {
    const queries: Record<string, string>[] = [{ state: 'FEW_REMAINING' }, { type: 'COFFEE', state: 'OUT_OF_STOCK' }, { type: 'TEA' }];
    for (const query of queries) {
      const { items } = await everyPage('anonymous', query, 2);
      const all = (await listAs(employee, { ...query, limit: '100' })).body.items as Listed[];
      expect(items.map((item) => item.id)).toEqual(all.map((item) => item.id));
      expect(new Set(items.map((item) => item.id)).size).toBe(items.length);
    }
  });

  it('follows renames and stock changes: the list is by the current name and state', async () => {
    const item = await createInventoryItem(drink('Zz Last', 'JUICE', 0, 3));
    await updateInventoryItem(item.id, { name: 'AAA First' });
    await adjustStock(item.id, 9);
    const response = await listAs(employee, { type: 'JUICE', state: 'AVAILABLE' });
    expect(response.body.items[0]).toMatchObject({ id: item.id, name: 'AAA First', onHand: 9, state: 'AVAILABLE' });
    await archiveInventoryItem(item.id);
    expect((await listAs(employee, { type: 'JUICE' })).body.items.map((listed: Listed) => listed.id)).not.toContain(item.id);
  });

  describe('cursors', () => {
    const firstCursor = async (who: Who, query: Record<string, string> = {}) => {
      const response = await listAs(who, { ...query, limit: '1' });
      expect(response.body.nextCursor).toEqual(expect.any(String));
      return response.body.nextCursor as string;
    };

    it('continues with the same caller and filters, also with another limit', async () => {
      const first = await listAs(customer, { type: 'COFFEE', limit: '1' });
      const seen: string[] = first.body.items.map((item: Listed) => item.name);
      let cursor: string | null = first.body.nextCursor;
      while (cursor) {
        const response = await listAs(customer, { type: 'COFFEE', cursor, limit: '3' });
        expect(response.statusCode).toBe(200);
        seen.push(...response.body.items.map((item: Listed) => item.name));
        cursor = response.body.nextCursor;
      }
      expect(seen).toEqual(byName(menu.filter((row) => row[1] === 'COFFEE').map(([name]) => name)));
    });

    it('refuses a cursor from another caller with 400', async () => {
      const cases: [Who, Who][] = [
        [employee, otherEmployee],
        [employee, customer],
        [customer, 'anonymous'],
        ['anonymous', customer],
      ];
      for (const [from, to] of cases) {
        const response = await listAs(to, { cursor: await firstCursor(from) });
        expect(response.statusCode).toBe(400);
        expect(response.body.code).toBe('validation_failed');
      }
    });

    it('refuses a cursor from other filters with 400', async () => {
      const cases: [Record<string, string>, Record<string, string>][] = [
        [{ type: 'COFFEE' }, { type: 'TEA' }],
        [{ type: 'COFFEE' }, {}],
        [{}, { state: 'AVAILABLE' }],
        [{ state: 'AVAILABLE' }, { state: 'OUT_OF_STOCK' }],
        [{ type: 'COFFEE', state: 'FEW_REMAINING' }, { type: 'COFFEE' }],
      ];
      for (const [from, to] of cases) {
        const response = await listAs(employee, { ...to, cursor: await firstCursor(employee, from) });
        expect(response.statusCode, JSON.stringify({ from, to })).toBe(400);
      }
    });

    it('refuses garbage and tampered cursors with 400', async () => {
      const cursor = await firstCursor('anonymous');
      const [payload, mac] = cursor.split('.');
      const forged = Buffer.from(JSON.stringify('{"pk":"x"}')).toString('base64url');
      for (const bad of ['garbage', `${payload}.${mac}.x`, `${forged}.${mac}`, `${payload}.AAAA${mac.slice(4)}`, '.']) {
        const response = await listAs('anonymous', { cursor: bad });
        expect(response.statusCode, bad).toBe(400);
        expect(response.body.code).toBe('validation_failed');
        expect(response.body.errors).toEqual([expect.objectContaining({ path: 'query.cursor' })]);
      }
    });
  });

  it.each<Record<string, string>>([
    { type: 'coffee' },
    { type: 'BEER' },
    { type: '' },
    { state: 'LOW' },
    { state: 'available' },
    { limit: '0' },
    { limit: '101' },
    { limit: 'x' },
    { limit: '2.5' },
    { sort: 'name' },
    { onHand: '0' },
  ])('refuses the query %o with 400 validation_failed', async (query) => {
    const response = await listAs(customer, query);
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toBe('application/problem+json');
    expect(response.body.code).toBe('validation_failed');
    expect(response.body.errors.length).toBeGreaterThan(0);
  });

  it('defaults to 25 items a page', async () => {
    for (let i = 0; i < 25 - menu.length + 1; i++) await createInventoryItem(drink(`Filler ${String(i).padStart(2, '0')}`, 'OTHER', 1, 3));
    const response = await listAs('anonymous');
    expect(response.body.items).toHaveLength(25);
    expect(response.body.nextCursor).toEqual(expect.any(String));
  });
});
