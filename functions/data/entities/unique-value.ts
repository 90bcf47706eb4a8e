import { Entity, type EntityConfiguration } from 'electrodb';

/** Claims a value that must be unique across the table (a customer code, an email) for one owner. */
export const buildUniqueValueEntity = (config?: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: 'uniqueValue', version: '1', service: 'shop' },
      attributes: {
        kind: { type: ['email', 'customerCode'] as const, required: true, readOnly: true },
        value: { type: 'string', required: true, readOnly: true },
        ownerId: { type: 'string' },
        /** An email claimed by a registration still running: until then (epoch ms) no other may take it. */
        leaseUntil: { type: 'number' },
      },
      indexes: {
        byValue: {
          pk: { field: 'pk', composite: ['kind', 'value'], casing: 'none' },
          sk: { field: 'sk', composite: [], casing: 'none' },
        },
      },
    },
    config,
  );
