import { Entity, type EntityConfiguration } from 'electrodb';

/**
 * The recipient's unread count, in the same partition as the messages. Its sort key
 * (`$inbox#unreadCounter_1`) sorts after every message's (`$inbox#notification_1#id_…`), so a
 * newest-first Query of the inbox returns the counter first, then the newest messages: the first
 * page of `GET /v1/notifications` is one request. Keep the entity name sorting after
 * "notification" (a test checks it). Only ever changed in the transaction that adds or marks
 * messages, by exactly the number of messages it changed.
 */
export const buildInboxCounterEntity = (config?: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: 'unreadCounter', version: '1', service: 'shop' },
      attributes: {
        recipientId: { type: 'string', required: true, readOnly: true },
        unread: { type: 'number', required: true },
        updatedAt: { type: 'string' },
      },
      indexes: {
        byRecipient: {
          collection: 'inbox',
          pk: { field: 'pk', composite: ['recipientId'], casing: 'none' },
          sk: { field: 'sk', composite: [], casing: 'none' },
        },
      },
    },
    config,
  );
