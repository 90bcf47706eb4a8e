import type { OrderNotification } from '../api/types';

type SmsStatus = OrderNotification['status'];

const LABELS: Record<SmsStatus, string> = {
  pending: 'Queued',
  sent: 'Sent',
  delivered: 'Delivered',
  failed: 'Failed',
  dead_lettered: 'Gave up (kept for replay)',
};

export const smsStatusLabel = (status: SmsStatus) => LABELS[status];

/**
 * Why an SMS needs someone to look at it, or undefined when it is on its way or arrived: the
 * customer was not told (failed, or given up after the last attempt), or sending is being retried.
 */
export function smsAttention(sms: Pick<OrderNotification, 'status' | 'attempts'>): string | undefined {
  if (sms.status === 'failed') return 'The customer did not get it: call them.';
  if (sms.status === 'dead_lettered') return 'Every attempt failed: call the customer.';
  if (sms.status === 'pending' && sms.attempts > 1) return `Still trying (${sms.attempts} attempts so far).`;
  return undefined;
}
