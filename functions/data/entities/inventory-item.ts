import { Entity, type EntityConfiguration } from 'electrodb';
import { BEVERAGE_TYPES } from '../../core/inventory';

export const buildInventoryItemEntity = (config?: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: 'inventoryItem', version: '1', service: 'shop' },
      attributes: {
        id: { type: 'string', required: true, readOnly: true },
        name: { type: 'string', required: true },
        /** Lower-cased name: the menu is listed by name, case-insensitively. */
        sortName: { type: 'string', required: true },
        type: { type: BEVERAGE_TYPES, required: true },
        caffeinated: { type: 'boolean', required: true },
        flavored: { type: 'boolean', required: true },
        priceCents: { type: 'number', required: true },
        onHand: { type: 'number', required: true },
        warnLimit: { type: 'number', required: true },
        /** `active` items are on the menu; `archived` ones are gone from lists and reads but kept for old orders. */
        listing: { type: ['active', 'archived'] as const, required: true },
        createdAt: { type: 'string', required: true, readOnly: true },
        updatedAt: { type: 'string', required: true },
        version: { type: 'number', required: true },
      },
      indexes: {
        byId: {
          pk: { field: 'pk', composite: ['id'], casing: 'none' },
          sk: { field: 'sk', composite: [], casing: 'none' },
        },
        // The menu is one small, read-mostly partition per listing: a shop has hundreds of drinks, not millions.
        byName: {
          index: 'gsi1',
          pk: { field: 'gsi1pk', composite: ['listing'], casing: 'none' },
          sk: { field: 'gsi1sk', composite: ['sortName', 'id'], casing: 'none' },
        },
      },
    },
    config,
  );
