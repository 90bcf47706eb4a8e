import { Entity, type EntityConfiguration } from 'electrodb';
import { ORDER_EVENTS } from '../../core/order-states';

/**
 * One in-app message per (order, state), in the recipient's inbox partition (collection `inbox`,
 * shared with the unread counter). `id` is a ULID made from the event's time and a hash of
 * (order, state): deterministic, so a redelivered stream record finds its message already there,
 * and time-ordered, so the sort key alone gives newest first.
 */
export const buildNotificationEntity = (config?: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: 'notification', version: '1', service: 'shop' },
      attributes: {
        recipientId: { type: 'string', required: true, readOnly: true },
        id: { type: 'string', required: true, readOnly: true },
        orderId: { type: 'string', required: true, readOnly: true },
        state: { type: ORDER_EVENTS, required: true, readOnly: true },
        message: { type: 'string', required: true, readOnly: true },
        createdAt: { type: 'string', required: true, readOnly: true },
        readAt: { type: 'string' },
      },
      indexes: {
        byRecipient: {
          collection: 'inbox',
          pk: { field: 'pk', composite: ['recipientId'], casing: 'none' },
          sk: { field: 'sk', composite: ['id'], casing: 'none' },
        },
      },
    },
    config,
  );
