import { Entity } from 'electrodb';
import { ORDER_EVENTS } from '../../core/order-states';

export const SMS_DELIVERY_STATUSES = ['pending', 'sent', 'delivered', 'failed', 'dead-lettered'] as const;
export type SmsDeliveryStatus = (typeof SMS_DELIVERY_STATUSES)[number];

/**
 * What became of the SMS for one (order, state): support's answer to "did the customer get it?".
 * `pending` until the provider accepts it (`sent`), refuses it for good (`failed`) or it keeps
 * failing and goes to the SMS dead-letter queue (`dead-lettered`); delivery reports move a sent
 * message to `delivered` or `failed`. `to` is the full number (needed to replay); logs mask it.
 * The provider's message id is on gsi1 (sparse: only sent messages have one) for delivery reports.
 */
export const smsDeliveryEntity = new Entity({
  model: { entity: 'smsDelivery', version: '1', service: 'shop' },
  attributes: {
    orderId: { type: 'string', required: true, readOnly: true },
    state: { type: ORDER_EVENTS, required: true, readOnly: true },
    recipientId: { type: 'string', required: true, readOnly: true },
    to: { type: 'string', required: true },
    message: { type: 'string', required: true },
    status: { type: SMS_DELIVERY_STATUSES, required: true },
    attempts: { type: 'number', required: true },
    providerMessageId: { type: 'string' },
    providerStatus: { type: 'string' },
    cost: { type: 'string' },
    failureReason: { type: 'string' },
    networkCode: { type: 'string' },
    lastError: { type: 'string' },
    /**
     * While a consumer invocation holds the send (ISO time; absent when no one does): the claim that
     * takes it also counts the attempt, and whatever records the outcome clears it.
     */
    leaseUntil: { type: 'string' },
    createdAt: { type: 'string', required: true, readOnly: true },
    updatedAt: { type: 'string', required: true },
    sentAt: { type: 'string' },
    reportedAt: { type: 'string' },
  },
  indexes: {
    byOrder: {
      pk: { field: 'pk', composite: ['orderId'], casing: 'none' },
      sk: { field: 'sk', composite: ['state'], casing: 'none' },
    },
    byProviderMessageId: {
      index: 'gsi1',
      pk: { field: 'gsi1pk', composite: ['providerMessageId'], casing: 'none' },
      sk: { field: 'gsi1sk', composite: [], casing: 'none' },
    },
  },
});
