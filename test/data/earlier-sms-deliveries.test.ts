import { ulid } from 'ulid';
import { describe, expect, it } from 'vitest';
import { moveEarlierPendingDeliveries } from '../../functions/data/earlier-sms-deliveries';
import { shop } from '../../functions/data/service';
import { getDelivery, listDueDeliveries } from '../../functions/data/sms-deliveries';

const NOW = new Date('2026-12-03T12:00:00.000Z');

/** A delivery as the code before the claim/sending split left it: `pending`, with or without a lease, and no sweep index entry. */
async function earlierPending(leaseUntil?: string) {
  const orderId = ulid();
  await shop.entities.smsDelivery
    .create({
      orderId,
      state: 'CREATED',
      recipientId: `c-${ulid()}`,
      to: '+254700000001',
      message: 'Your order has been created',
      status: 'pending',
      attempts: 2,
      ...(leaseUntil && { leaseUntil }),
      createdAt: '2026-11-30T10:00:00.000Z',
      updatedAt: '2026-11-30T10:01:00.000Z',
    })
    .go();
  return { orderId, state: 'CREATED' as const };
}

describe('backfill of SMS deliveries left pending by the earlier code', () => {
  it('hands an unleased one (its attempt failed) to the sweep, parks an expired lease as uncertain, leaves a live lease, and is idempotent', async () => {
    const failed = await earlierPending();
    const died = await earlierPending('2026-11-30T10:01:35.000Z');
    const live = await earlierPending('2026-12-03T12:00:30.000Z');
    expect((await listDueDeliveries(NOW, 1000)).map(({ orderId }) => orderId)).not.toContain(failed.orderId);

    const report = await moveEarlierPendingDeliveries(NOW);
    expect(report.scheduled).toBeGreaterThanOrEqual(1);
    expect(report.uncertain).toBeGreaterThanOrEqual(1);
    expect(await getDelivery(failed)).toMatchObject({ status: 'retrying', nextAttemptAt: NOW.toISOString(), attempts: 2 });
    expect((await listDueDeliveries(NOW, 1000)).map(({ orderId }) => orderId)).toContain(failed.orderId);
    const parked = await getDelivery(died);
    expect(parked).toMatchObject({ status: 'uncertain', uncertainReason: expect.stringContaining('may have been sent') });
    expect(parked?.leaseUntil).toBeUndefined();
    expect(await getDelivery(live)).toMatchObject({ status: 'pending', leaseUntil: '2026-12-03T12:00:30.000Z' });

    const again = await moveEarlierPendingDeliveries(NOW);
    expect(await getDelivery(failed)).toMatchObject({ status: 'retrying' });
    expect(await getDelivery(died)).toMatchObject({ status: 'uncertain' });
    // Only the live lease is still pending, and it is not due yet.
    expect(again.scheduled + again.uncertain).toBe(0);
  });
});
