import { Entity, type EntityConfiguration } from 'electrodb';

/**
 * Every order created for one customer, and whether their account is closed: the one item that
 * order creation (ADD its id, on condition the account is open) and account deletion (close it,
 * reading the ids back) both write. Writes of one item are serialized, so every order is either
 * in the set deletion reads or refused: none escapes the cancellation. Orders from before it
 * existed are found through the customer's index instead (long since propagated).
 */
export const buildCustomerOrdersEntity = (config?: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: 'customerOrders', version: '1', service: 'shop' },
      attributes: {
        customerId: { type: 'string', required: true, readOnly: true },
        orderIds: { type: 'set', items: 'string' },
        closedAt: { type: 'string' },
      },
      indexes: {
        byCustomer: {
          pk: { field: 'pk', composite: ['customerId'], casing: 'none' },
          sk: { field: 'sk', composite: [], casing: 'none' },
        },
      },
    },
    config,
  );
