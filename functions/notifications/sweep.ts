import { listDueDeliveries, parkUncertain, type SmsDelivery } from '../data/sms-deliveries';
import { logger } from '../platform/logger';
import { attemptDelivery, type AttemptSettings } from './attempt';
import { countSms } from './metrics';

/** Deliveries one run looks at, and how many it attempts side by side (each bounded by SMS_TIMEOUT_MS). */
export const SWEEP_BATCH = 50;
const SIDE_BY_SIDE = 5;

export interface SweepReport {
  due: number;
  /** What became of each due delivery: an attempt's outcome, or `parked-uncertain`. */
  outcomes: Record<string, number>;
}

async function sweepOne(settings: AttemptSettings, delivery: SmsDelivery): Promise<string> {
  const { orderId, state, claimId } = delivery;
  if (delivery.status === 'sending') {
    // The invocation that was sending it stopped before recording: it may have gone out.
    const reason = `The send that started under the claim ${claimId ?? '?'} never recorded an outcome (its lease ended ${delivery.leaseUntil ?? '?'})`;
    const parked = claimId !== undefined && (await parkUncertain({ orderId, state, claimId }, settings.now(), reason));
    if (parked) {
      countSms('SmsUncertain');
      logger.error('SMS outcome unknown: parked as uncertain for an operator, not resent', { orderId, state, reason });
    }
    return parked ? 'parked-uncertain' : 'not-claimed';
  }
  const result = await attemptDelivery(settings, { orderId, state, recipientId: delivery.recipientId, to: delivery.to, message: delivery.message });
  return result.outcome;
}

/**
 * The retry sweep (every minute): each waiting delivery whose `nextAttemptAt` has passed is claimed
 * and attempted exactly as the stream consumer does (a retry that is due, or a claim whose holder
 * died before the provider call); one still `sending` past its lease is parked as uncertain.
 */
export async function sweepDueDeliveries(settings: AttemptSettings, limit = SWEEP_BATCH): Promise<SweepReport> {
  const due = await listDueDeliveries(settings.now(), limit);
  const outcomes: Record<string, number> = {};
  for (let index = 0; index < due.length; index += SIDE_BY_SIDE) {
    const results = await Promise.all(due.slice(index, index + SIDE_BY_SIDE).map((delivery) => sweepOne(settings, delivery)));
    for (const outcome of results) outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
  }
  return { due: due.length, outcomes };
}
