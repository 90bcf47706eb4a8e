import { Entity, type EntityConfiguration } from 'electrodb';
import { ORDER_EVENTS } from '../../core/order-states';

/**
 * `claimed` (an invocation holds the lease, nothing sent yet) → `sending` (the provider call is
 * about to start) → `sent` | `failed` (refused for good) | `retrying` (transient, waits for
 * `nextAttemptAt`) | `uncertain` (the outcome is unknown: never resent without an operator) |
 * `dead_lettered` (after the last attempt, kept in the SMS dead-letter queue). `dropped`: no
 * number to text. Delivery reports move a sent message to `delivered` or `failed`.
 * `pending` and `dead-lettered` are only read: data written before the claim/sending split.
 */
export const SMS_DELIVERY_STATUSES = [
  'claimed',
  'sending',
  'retrying',
  'uncertain',
  'sent',
  'delivered',
  'failed',
  'dead_lettered',
  'dropped',
  'pending',
  'dead-lettered',
] as const;
export type SmsDeliveryStatus = (typeof SMS_DELIVERY_STATUSES)[number];

/** The statuses the retry sweep looks at once `nextAttemptAt` has passed; only these are on the sparse index. */
export const WAITING_STATUSES: readonly SmsDeliveryStatus[] = ['claimed', 'sending', 'retrying'];

/**
 * What became of the SMS for one (order, state): support's answer to "did the customer get it?".
 * `to` is the full number (needed to replay); logs mask it. The provider's message id is on gsi1
 * (sparse: only sent messages have one) for delivery reports; waiting deliveries are on gsi2 by
 * `nextAttemptAt` (sparse: the index condition) for the retry sweep.
 */
export const buildSmsDeliveryEntity = (config?: EntityConfiguration) =>
  new Entity(
    {
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
        /** Why the outcome is unknown, with the facts an operator needs (`uncertain` only). */
        uncertainReason: { type: 'string' },
        /** Which claim holds the send: every write of an attempt is conditional on it. */
        claimId: { type: 'string' },
        /** While claimed or sending: when the claim's lease ends (ISO time). */
        leaseUntil: { type: 'string' },
        /**
         * When the sweep looks at it next: the retry time while `retrying`, the lease's end while
         * `claimed` or `sending`. Every status write sets it, so the index condition always runs.
         */
        nextAttemptAt: { type: 'string' },
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
        byNextAttempt: {
          index: 'gsi2',
          condition: (attributes) => WAITING_STATUSES.includes(attributes.status as SmsDeliveryStatus),
          pk: { field: 'gsi2pk', composite: [], casing: 'none' },
          sk: { field: 'gsi2sk', composite: ['nextAttemptAt'], casing: 'none' },
        },
      },
    },
    config,
  );
