import { Entity, type EntityConfiguration } from 'electrodb';

export const buildEmployeeEntity = (config?: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: 'employee', version: '1', service: 'shop' },
      attributes: {
        id: { type: 'string', required: true, readOnly: true },
        email: { type: 'string', required: true },
        name: { type: 'string', required: true },
        createdAt: { type: 'string', required: true, readOnly: true },
      },
      indexes: {
        byId: {
          pk: { field: 'pk', composite: ['id'], casing: 'none' },
          sk: { field: 'sk', composite: [], casing: 'none' },
        },
      },
    },
    config,
  );
