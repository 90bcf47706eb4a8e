import { createHash, timingSafeEqual } from 'node:crypto';
import { unauthorized } from '../core/errors';
import { applyDeliveryReport, findDeliveryByProviderMessageId, type DeliveryReport } from '../data/sms-deliveries';
import { logger } from '../platform/logger';
import { maskPhone } from './phone';
import { smsCallbackSecret } from './secret';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** 401 unless `token` is the configured callback secret (compared in constant time); with no secret configured, nothing passes. */
export async function checkCallbackToken(token: string | undefined): Promise<void> {
  const secret = await smsCallbackSecret();
  if (!secret || token === undefined || !timingSafeEqual(digest(token), digest(secret))) {
    throw unauthorized('The callback token is missing or wrong.');
  }
}

/** Delivery-report statuses that mean the message will not arrive. */
const FAILED = new Set(['Failed', 'Rejected', 'AbsentSubscriber', 'Expired']);

export interface ReportFields {
  id: string;
  status: string;
  phoneNumber?: string;
  networkCode?: string;
  failureReason?: string;
}

export type ReportOutcome = 'updated' | 'unchanged' | 'unknown';

/** Updates the delivery the report names; a report for a message we do not know is acknowledged and dropped. */
export async function recordDeliveryReport(fields: ReportFields): Promise<ReportOutcome> {
  const context = { providerMessageId: fields.id, reportStatus: fields.status, ...(fields.phoneNumber && { to: maskPhone(fields.phoneNumber) }) };
  const delivery = await findDeliveryByProviderMessageId(fields.id);
  if (!delivery) {
    logger.warn('Delivery report for an unknown message', context);
    return 'unknown';
  }
  const report: DeliveryReport = {
    providerMessageId: fields.id,
    outcome: fields.status === 'Success' ? 'delivered' : FAILED.has(fields.status) ? 'failed' : 'in-transit',
    providerStatus: fields.status,
    ...(fields.failureReason && { failureReason: fields.failureReason }),
    ...(fields.networkCode && { networkCode: fields.networkCode }),
  };
  const changed = await applyDeliveryReport(delivery, report);
  logger.info('Delivery report', { ...context, orderId: delivery.orderId, state: delivery.state, changed });
  return changed ? 'updated' : 'unchanged';
}
