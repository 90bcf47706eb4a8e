import { describe, expect, it } from 'vitest';
import { streamConsumers } from '../../functions/streams/consumers';
import { orderChangeFilters, orderChangeOf } from '../../functions/streams/order-changes';
import { compileFilters } from '../../lib/local/stream-poller/filter-pattern';
import { insertRecord, modifyRecord, removeRecord, type RawItem } from '../fixtures/stream-records';

const order = (changes: RawItem = {}): RawItem => ({
  pk: '$shop#id_01HORDER000000000000ABCDEF',
  sk: '$order_1',
  __edb_e__: 'order',
  __edb_v__: '1',
  id: '01HORDER000000000000ABCDEF',
  reference: 'ABCDEF',
  customerId: 'customer-1',
  state: 'CREATED',
  lines: [],
  createdYear: '2026',
  createdAt: '2026-03-01T10:00:00.000Z',
  updatedAt: '2026-03-01T10:00:00.000Z',
  version: 1,
  ...changes,
});

const pending = order({ state: 'PENDING', version: 3, updatedAt: '2026-03-01T10:05:00.000Z', lines: [{ itemId: 'i', name: 'Latte', quantity: 1, unitPriceCents: 640 }] });
const approved = order({ ...pending, state: 'APPROVED', fulfilment: 'PREPARING', version: 4, updatedAt: '2026-03-01T10:10:00.000Z' });
const readyOrder = order({ ...approved, fulfilment: 'READY', version: 5, updatedAt: '2026-03-01T10:20:00.000Z' });
const matchesFilters = compileFilters(orderChangeFilters);

describe('which stream records are order changes', () => {
  const cases = [
    { name: 'an order insert', record: insertRecord(order()), change: { state: 'CREATED', at: '2026-03-01T10:00:00.000Z' } },
    { name: 'a submit', record: modifyRecord(order({ version: 2 }), pending), change: { state: 'PENDING', at: '2026-03-01T10:05:00.000Z' } },
    {
      name: 'a rejection',
      record: modifyRecord(pending, order({ state: 'REJECTED', comments: 'No milk', updatedAt: '2026-03-01T11:00:00.000Z' })),
      change: { state: 'REJECTED', comments: 'No milk', at: '2026-03-01T11:00:00.000Z' },
    },
    { name: 'a cancel from CREATED', record: modifyRecord(order(), order({ state: 'CANCELED' })), change: { state: 'CANCELED' } },
    { name: 'an item edit in CREATED', record: modifyRecord(order(), order({ version: 2, lines: pending.lines })), change: null },
    { name: 'an item edit in PENDING', record: modifyRecord(pending, { ...pending, version: 4, lines: [] }), change: null },
    { name: 'an order removal', record: removeRecord(order()), change: null },
    { name: 'an insert of another entity', record: insertRecord({ ...order(), __edb_e__: 'orderEvent' }), change: null },
    { name: 'an insert in another state', record: insertRecord(order({ state: 'PENDING' })), change: null },
    { name: 'a modify of a final order', record: modifyRecord(order({ state: 'CANCELED' }), order({ state: 'CANCELED', version: 9 })), change: null },
    {
      name: 'an approval (which starts PREPARING)',
      record: modifyRecord(pending, approved),
      change: { state: 'APPROVED', at: '2026-03-01T10:10:00.000Z' },
    },
    { name: 'marked ready', record: modifyRecord(approved, readyOrder), change: { state: 'READY', at: '2026-03-01T10:20:00.000Z' } },
    {
      name: 'marked ready, approved before fulfilment existed',
      record: modifyRecord(order({ state: 'APPROVED', version: 4 }), readyOrder),
      change: { state: 'READY', at: '2026-03-01T10:20:00.000Z' },
    },
    {
      name: 'marked delivered',
      record: modifyRecord(readyOrder, order({ ...readyOrder, fulfilment: 'DELIVERED', version: 7, updatedAt: '2026-03-01T10:30:00.000Z' })),
      change: { state: 'DELIVERED', at: '2026-03-01T10:30:00.000Z' },
    },
    // Passes the filters (they cannot compare the images; nothing writes such a change today), and the code ignores it.
    { name: 'a modify of a READY order that keeps its step', record: modifyRecord(readyOrder, { ...readyOrder, version: 7 }), change: null, filtered: true },
    { name: 'a modify of a PREPARING order that keeps its step', record: modifyRecord(approved, { ...approved, version: 9 }), change: null },
  ] as const;

  for (const { name, record, change, ...rest } of cases) {
    const passesFilters = 'filtered' in rest ? rest.filtered : change !== null;
    it(`${name}: ${change ? `notifies ${change.state}` : 'is ignored'}, by the code and by the event filters alike`, () => {
      const found = orderChangeOf(record);
      if (change) expect(found).toMatchObject({ orderId: '01HORDER000000000000ABCDEF', customerId: 'customer-1', reference: 'ABCDEF', ...change });
      else expect(found).toBeNull();
      expect(matchesFilters(record)).toBe(passesFilters);
    });
  }

  it('is the filter list of the registered consumer', () => {
    const consumer = streamConsumers.find((candidate) => candidate.handler === 'streams/order-notifications');
    expect(consumer?.filters).toBe(orderChangeFilters);
    expect(consumer!.filters.length).toBeLessThanOrEqual(5); // Lambda's default quota of filters per event source mapping
    expect(consumer!.maxRetries).toBeGreaterThanOrEqual(5);
  });
});
