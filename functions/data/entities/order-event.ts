import { Entity, type EntityConfiguration } from 'electrodb';
import { historyEntryAttributes } from './history-entry';

/**
 * The history of orders written before it moved into the order item (entities/order.ts): one per
 * transition, creation included, and per fulfilment step. Read, never written any more.
 */
export const buildOrderEventEntity = (config?: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: 'orderEvent', version: '1', service: 'shop' },
      attributes: {
        /** The order's id: the same key attribute as the order's, so an order and its history share a partition. */
        id: { type: 'string', required: true, readOnly: true },
        eventId: { type: 'string', required: true, readOnly: true },
        ...historyEntryAttributes,
      },
      indexes: {
        byOrder: {
          collection: 'orderHistory',
          pk: { field: 'pk', composite: ['id'], casing: 'none' },
          sk: { field: 'sk', composite: ['eventId'], casing: 'none' },
        },
      },
    },
    config,
  );
