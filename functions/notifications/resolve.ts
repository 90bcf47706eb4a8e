import type { OrderEventName } from '../core/order-states';
import { getDelivery, resolveAsSent } from '../data/sms-deliveries';
import { attemptDelivery, type AttemptResult, type AttemptSettings } from './attempt';

export interface Resolution {
  orderId: string;
  state: OrderEventName;
  /** `sent`: it did go out (the customer or the provider's log says so); `resend`: it did not, send it (through a claim). */
  as: 'sent' | 'resend';
}

export type ResolveResult = { resolved: true; as: 'sent' } | { resolved: true; as: 'resend'; attempt: AttemptResult } | { resolved: false; reason: string };

/** An operator's decision on an `uncertain` delivery (`npm run ops -- resolve-sms`). */
export async function resolveUncertainSms(settings: AttemptSettings, { orderId, state, as }: Resolution): Promise<ResolveResult> {
  const delivery = await getDelivery({ orderId, state });
  if (!delivery) return { resolved: false, reason: `No SMS delivery for ${orderId}/${state}` };
  if (delivery.status !== 'uncertain') return { resolved: false, reason: `The delivery is ${delivery.status}, not uncertain` };
  if (as === 'sent') {
    const resolved = await resolveAsSent({ orderId, state }, 'Resolved as sent by an operator', settings.now());
    return resolved ? { resolved: true, as } : { resolved: false, reason: 'The delivery changed meanwhile' };
  }
  const attempt = await attemptDelivery(settings, delivery, { alsoFrom: ['uncertain'] });
  return attempt.outcome === 'not-claimed' ? { resolved: false, reason: `The delivery is ${attempt.delivery.status} now` } : { resolved: true, as, attempt };
}
