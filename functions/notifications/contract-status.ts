import type { SmsDeliveryStatus } from '../data/entities/sms-delivery';

/** The statuses the contract names (GET /v1/orders/{orderId}/notifications). */
export type ContractSmsStatus = 'pending' | 'sent' | 'delivered' | 'failed' | 'dead_lettered';

/**
 * Internal status → the contract's: everything not decided yet is `pending` (claimed, sending,
 * retrying, and uncertain, which waits for an operator's word); a customer without a number is
 * `failed` (it will never be sent); both spellings of dead-lettered are `dead_lettered`.
 */
const CONTRACT_STATUS: Record<SmsDeliveryStatus, ContractSmsStatus> = {
  claimed: 'pending',
  sending: 'pending',
  retrying: 'pending',
  uncertain: 'pending',
  pending: 'pending',
  sent: 'sent',
  delivered: 'delivered',
  failed: 'failed',
  dropped: 'failed',
  dead_lettered: 'dead_lettered',
  'dead-lettered': 'dead_lettered',
};

export const contractStatusOf = (status: SmsDeliveryStatus): ContractSmsStatus => CONTRACT_STATUS[status];
