import { Entity, type EntityConfiguration } from 'electrodb';
import { FULFILMENT_STEPS, ORDER_STATES } from '../../core/order-states';
import { historyEntryAttributes } from './history-entry';

const orderLineAttributes = {
  itemId: { type: 'string', required: true },
  name: { type: 'string', required: true },
  quantity: { type: 'number', required: true },
  unitPriceCents: { type: 'number', required: true },
} as const;

/**
 * An order holds its lines (at most 50) and its history (a handful of entries), so one GetItem
 * reads an order whole, every list shows complete orders, and every change to it but an approval
 * (which also deducts stock) is one conditional write on one item.
 */
export const buildOrderEntity = (config?: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: 'order', version: '1', service: 'shop' },
      attributes: {
        id: { type: 'string', required: true, readOnly: true },
        reference: { type: 'string', required: true, readOnly: true },
        customerId: { type: 'string', required: true, readOnly: true },
        state: { type: ORDER_STATES, required: true },
        lines: { type: 'list', required: true, items: { type: 'map', properties: orderLineAttributes } },
        comments: { type: 'string' },
        handledBy: { type: 'string' },
        reviewedAt: { type: 'string' },
        /** Set on approval, then READY and DELIVERED; absent on orders approved before it existed (read as PREPARING). */
        fulfilment: { type: FULFILMENT_STEPS },
        readyAt: { type: 'string' },
        deliveredAt: { type: 'string' },
        /**
         * createdYear and createdAt again, for the fulfilment index only: ElectroDB requires every
         * composite of a conditional (sparse) index in any write that names one of them, so that index
         * cannot share composites with the others, which every create and transition writes.
         */
        fulfilmentYear: { type: 'string' },
        fulfilmentCreatedAt: { type: 'string' },
        /**
         * One entry per transition, creation included, and per fulfilment step, oldest first. Orders
         * written before it existed have their earlier entries as orderEvent items in their partition
         * (entities/order-event.ts); the history reader merges both.
         */
        history: { type: 'list', items: { type: 'map', properties: historyEntryAttributes } },
        createdYear: { type: 'string', required: true },
        createdAt: { type: 'string', required: true, readOnly: true },
        updatedAt: { type: 'string', required: true },
        version: { type: 'number', required: true },
      },
      indexes: {
        byId: {
          collection: 'orderHistory',
          pk: { field: 'pk', composite: ['id'], casing: 'none' },
          sk: { field: 'sk', composite: [], casing: 'none' },
        },
        byCustomer: {
          index: 'gsi1',
          pk: { field: 'gsi1pk', composite: ['customerId'], casing: 'none' },
          sk: { field: 'gsi1sk', composite: ['createdAt', 'id'], casing: 'none' },
        },
        byState: {
          index: 'gsi2',
          pk: { field: 'gsi2pk', composite: ['state', 'createdYear'], casing: 'none' },
          sk: { field: 'gsi2sk', composite: ['createdAt', 'id'], casing: 'none' },
        },
        /** Sparse: only approved orders carry a fulfilment step, so the boards read only them. */
        byFulfilment: {
          index: 'gsi4',
          condition: (attributes) => attributes.fulfilment !== undefined,
          pk: { field: 'gsi4pk', composite: ['fulfilment', 'fulfilmentYear'], casing: 'none' },
          sk: { field: 'gsi4sk', composite: ['fulfilmentCreatedAt'], casing: 'none' },
        },
        byYear: {
          index: 'gsi3',
          pk: { field: 'gsi3pk', composite: ['createdYear'], casing: 'none' },
          sk: { field: 'gsi3sk', composite: ['createdAt', 'id'], casing: 'none' },
        },
      },
    },
    config,
  );
