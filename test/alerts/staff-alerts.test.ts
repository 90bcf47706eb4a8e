import { randomUUID } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { FilterCriteria } from 'aws-cdk-lib/aws-lambda';
import type { StaffAlert } from '../../functions/alerts/events';
import { staffAlertFilters } from '../../functions/alerts/events';
import { onceEach, staffAlertsHandler } from '../../functions/alerts/staff-alerts';
import { lambdaContext } from '../../lib/local/lambda-context';
import { compileFilters } from '../../lib/local/stream-poller/filter-pattern';
import { insertRecord, modifyRecord, streamEvent } from '../fixtures/stream-records';

const context = lambdaContext({ functionName: 'staff-alerts', region: 'us-east-1', timeoutMs: 30_000 });

function collector(failFirst = 0) {
  const published: StaffAlert[] = [];
  let failures = failFirst;
  const publish = async (alert: StaffAlert) => {
    if (failures-- > 0) throw new Error('SNS is down');
    published.push(alert);
  };
  return { published, handler: staffAlertsHandler(onceEach(publish)) };
}

const order = (state: string, at = '2026-12-03T10:00:00.000Z') => ({ pk: 'o', sk: 'o', __edb_e__: 'order', id: `order-${state}`, reference: 'ABC123', customerId: 'c1', phoneNumber: '+254700000001', state, updatedAt: at });
const item = (id: string, onHand: number, at: string) => ({ pk: id, sk: id, __edb_e__: 'inventoryItem', id, name: 'Flat White', onHand, warnLimit: 3, listing: 'active', updatedAt: at });

describe('staff alerts consumer', () => {
  it('publishes one alert for an order entering PENDING, none on redelivery, none for other changes', async () => {
    const { published, handler } = collector();
    const id = randomUUID();
    const submitted = modifyRecord({ ...order('CREATED'), id }, { ...order('PENDING'), id });
    expect(await handler(streamEvent(submitted), context)).toEqual({ batchItemFailures: [] });
    await handler(streamEvent(submitted), context);
    await handler(streamEvent(modifyRecord({ ...order('PENDING'), id }, { ...order('APPROVED'), id })), context);
    expect(published).toEqual([{ type: 'OrderPendingReview', orderId: id, reference: 'ABC123', at: '2026-12-03T10:00:00.000Z' }]);
    expect(JSON.stringify(published)).not.toContain('+254');
  });

  it('publishes each stock crossing once: into FEW_REMAINING, into OUT_OF_STOCK, not while it stays low', async () => {
    const { published, handler } = collector();
    const id = randomUUID();
    const fewer = modifyRecord(item(id, 5, 't1'), item(id, 3, 't2'));
    const stillFew = modifyRecord(item(id, 3, 't2'), item(id, 2, 't3'));
    const out = modifyRecord(item(id, 2, 't3'), item(id, 0, 't4'));
    await handler(streamEvent(fewer, stillFew, out), context);
    await handler(streamEvent(fewer, out), context); // redelivery
    await handler(streamEvent(insertRecord(item(randomUUID(), 10, 't5'))), context); // a new, well-stocked drink
    expect(published.map((alert) => alert.type)).toEqual(['StockFewRemaining', 'StockOutOfStock']);
  });

  it('retries a failed publish, and then publishes it exactly once', async () => {
    const { published, handler } = collector(1);
    const submitted = modifyRecord({ ...order('CREATED'), id: randomUUID() }, { ...order('PENDING'), id: randomUUID() });
    const first = await handler(streamEvent(submitted), context);
    expect(first.batchItemFailures).toHaveLength(1);
    expect(published).toHaveLength(0);
    await handler(streamEvent(submitted), context);
    await handler(streamEvent(submitted), context);
    expect(published).toHaveLength(1);
  });

  it('publishes an alert whose first invocation died mid-publish once that invocation is out of time, not 48 hours later', async () => {
    let publishes = 0;
    const published: StaffAlert[] = [];
    const handler = staffAlertsHandler(
      onceEach(async (alert) => {
        // The first invocation never returns: its process is gone, its claim stays in progress.
        if (publishes++ === 0) return new Promise<void>(() => {});
        published.push(alert);
      }),
    );
    const submitted = modifyRecord({ ...order('CREATED'), id: randomUUID() }, { ...order('PENDING'), id: randomUUID() });
    void handler(streamEvent(submitted), lambdaContext({ functionName: 'staff-alerts', region: 'us-east-1', timeoutMs: 300 }));
    await vi.waitFor(() => expect(publishes).toBe(1));
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await handler(streamEvent(submitted), context)).toEqual({ batchItemFailures: [] });
    expect(published).toHaveLength(1);
  });

  it("filters let through what it alerts on, and keep other entities' changes away", () => {
    const passes = compileFilters(staffAlertFilters);
    expect(passes(modifyRecord(order('CREATED'), order('PENDING')))).toBe(true);
    expect(passes(modifyRecord(order('PENDING'), order('PENDING')))).toBe(false);
    expect(passes(modifyRecord(order('PENDING'), order('APPROVED')))).toBe(false);
    expect(passes(modifyRecord(item('i', 5, 'a'), item('i', 3, 'b')))).toBe(true);
    expect(passes(modifyRecord({ pk: 'n', __edb_e__: 'notification' }, { pk: 'n', __edb_e__: 'notification' }))).toBe(false);
    for (const pattern of staffAlertFilters) expect(() => FilterCriteria.filter(pattern)).not.toThrow();
  });
});
