import { Entity, type EntityConfiguration } from 'electrodb';

export const buildCustomerEntity = (config?: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: 'customer', version: '1', service: 'shop' },
      attributes: {
        id: { type: 'string', required: true, readOnly: true },
        email: { type: 'string', required: true },
        name: { type: 'string', required: true },
        phoneNumber: { type: 'string', required: true },
        address: { type: 'string' },
        code: { type: 'string', required: true, readOnly: true },
        /** The year of createdAt: the partition of the newest-first customer list. */
        createdYear: { type: 'string', required: true, readOnly: true },
        createdAt: { type: 'string', required: true, readOnly: true },
        updatedAt: { type: 'string', required: true },
        version: { type: 'number', required: true },
        /** True once the customer's search entries are written (registration, profile changes, the backfill of earlier customers). */
        searchIndexed: { type: 'boolean' },
      },
      indexes: {
        byId: {
          pk: { field: 'pk', composite: ['id'], casing: 'none' },
          sk: { field: 'sk', composite: [], casing: 'none' },
        },
        byCode: {
          index: 'gsi1',
          pk: { field: 'gsi1pk', composite: ['code'], casing: 'none' },
          sk: { field: 'gsi1sk', composite: [], casing: 'none' },
        },
        byCreated: {
          index: 'gsi2',
          pk: { field: 'gsi2pk', composite: ['createdYear'], casing: 'none' },
          sk: { field: 'gsi2sk', composite: ['createdAt', 'id'], casing: 'none' },
        },
      },
    },
    config,
  );
