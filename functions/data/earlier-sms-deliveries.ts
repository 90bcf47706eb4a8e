import { shop } from './service';
import { conditionally } from './write-errors';

export interface EarlierDeliveriesReport {
  /** Their last attempt failed for a passing reason: now `retrying`, due at once, so the sweep takes them. */
  scheduled: number;
  /** Leased when the old code stopped (it may have sent them): now `uncertain`, for `ops resolve-sms`. */
  uncertain: number;
}

/**
 * Deliveries left `pending` by the code before the claim/sending split have no entry on the sweep's
 * index, so only a stream redelivery would try them again. The old code removed the lease when an
 * attempt failed, so a pending delivery without one was never sent; one still leased may have
 * been sent by an invocation that died, which is an unknown outcome. A Scan: a one-off step.
 */
export async function moveEarlierPendingDeliveries(now: Date): Promise<EarlierDeliveriesReport> {
  const at = now.toISOString();
  const { data } = await shop.entities.smsDelivery.scan.where(({ status }, { eq }) => eq(status, 'pending')).go({ pages: 'all' });
  const report: EarlierDeliveriesReport = { scheduled: 0, uncertain: 0 };
  for (const { orderId, state, leaseUntil, recipientId, to, message, attempts, createdAt } of data) {
    if (leaseUntil === undefined) {
      // An upsert, as a claim is: a patch would not write the sweep index's static partition key.
      const moved = await conditionally(() =>
        shop.entities.smsDelivery
          .upsert({ orderId, state, status: 'retrying', nextAttemptAt: at, updatedAt: at })
          .ifNotExists({ recipientId, to, message, attempts, createdAt })
          .where(({ status, leaseUntil: lease }, { eq, notExists }) => `${eq(status, 'pending')} AND ${notExists(lease)}`)
          .go(),
      );
      if (moved) report.scheduled += 1;
    } else if (leaseUntil <= at) {
      const moved = await conditionally(() =>
        shop.entities.smsDelivery
          .patch({ orderId, state })
          .set({ status: 'uncertain', uncertainReason: 'Leased by the code before the claim/sending split when it stopped: it may have been sent', updatedAt: at })
          .remove(['leaseUntil'])
          .where(({ status, leaseUntil: lease }, { eq, lte }) => `${eq(status, 'pending')} AND ${lte(lease, at)}`)
          .go(),
      );
      if (moved) report.uncertain += 1;
    }
  }
  return report;
}
