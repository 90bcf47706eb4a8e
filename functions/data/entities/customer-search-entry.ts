import { Entity, type EntityConfiguration } from 'electrodb';

/**
 * One per (search term, customer): the customer search index (functions/core/customer-search.ts).
 * The partition is the term and the sort key (createdAt, customerId), so a search is one Query of
 * the exact term, newest first. Each entry carries the whole profile, so a page needs no further
 * read; every profile change rewrites the customer's entries in the same transaction.
 */
export const buildCustomerSearchEntryEntity = (config?: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: 'customerSearchEntry', version: '1', service: 'shop' },
      attributes: {
        term: { type: 'string', required: true, readOnly: true },
        customerId: { type: 'string', required: true, readOnly: true },
        /** The normalized name with a leading space: what a query longer than the terms is matched against. */
        searchableName: { type: 'string', required: true },
        email: { type: 'string', required: true },
        name: { type: 'string', required: true },
        phoneNumber: { type: 'string', required: true },
        address: { type: 'string' },
        code: { type: 'string', required: true },
        createdAt: { type: 'string', required: true, readOnly: true },
        updatedAt: { type: 'string', required: true },
        version: { type: 'number', required: true },
      },
      indexes: {
        byTerm: {
          pk: { field: 'pk', composite: ['term'], casing: 'none' },
          sk: { field: 'sk', composite: ['createdAt', 'customerId'], casing: 'none' },
        },
      },
    },
    config,
  );
