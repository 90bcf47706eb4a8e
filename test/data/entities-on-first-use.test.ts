import { Service } from 'electrodb';
import { describe, expect, it } from 'vitest';
import { documentClient } from '../../functions/data/client';
import { shop } from '../../functions/data/service';
import { entityBuilders, type TableEntities, type TableEntity } from '../../functions/data/table-entities';
import { config } from '../../functions/platform/config';

// What the service was before its entities were built on first use: all of them joined at once.
const allAtOnce = new Service(
  Object.fromEntries(Object.entries(entityBuilders).map(([name, build]) => [name, build()])) as TableEntities,
  { table: config.tableName, client: documentClient },
);

const order: Parameters<typeof allAtOnce.entities.order.create>[0] = {
  id: 'o-1',
  reference: 'ORD-1',
  customerId: 'c-1',
  state: 'CREATED',
  lines: [],
  history: [{ to: 'CREATED', at: '2026-12-04T00:00:00.000Z', by: 'c-1', role: 'customer' }],
  createdYear: '2026',
  createdAt: '2026-12-04T00:00:00.000Z',
  updatedAt: '2026-12-04T00:00:00.000Z',
  version: 1,
};

// The table is the entity's config (getTableName), not its model, once joined to a service.
const modelOf = (entity: object) => JSON.stringify({ ...(entity as { model: object }).model, table: undefined });
// Sets of the document client are compared by their JSON: two sets of the same values are not deeply equal.
const request = (built: { params: () => unknown }) => JSON.stringify(built.params());

type OrderCreation = Parameters<Parameters<ReturnType<typeof shop.of<'order' | 'customerOrders'>>['transaction']['write']>[0]>[0];

describe('entities built on first use', () => {
  it('model every entity exactly as the service of all entities did (keys, prefixes, indexes)', () => {
    for (const name of Object.keys(entityBuilders) as TableEntity[]) {
      expect(modelOf(shop.entities[name]), name).toBe(modelOf(allAtOnce.entities[name]));
      expect(shop.entities[name].getTableName(), name).toBe(config.tableName);
    }
  });

  it('build the same transaction, collection and index query requests', () => {
    const create = (entities: OrderCreation) => [
      entities.order.create(order).commit(),
      entities.customerOrders.update({ customerId: 'c-1' }).add({ orderIds: ['o-1'] }).commit(),
    ];
    expect(request(shop.of('order', 'customerOrders').transaction.write(create))).toBe(request(allAtOnce.transaction.write(create)));
    expect(request(shop.of('order', 'orderEvent').collections.orderHistory({ id: 'o-1' }))).toBe(
      request(allAtOnce.collections.orderHistory({ id: 'o-1' })),
    );
    expect(request(shop.entities.order.query.byState({ state: 'PENDING', createdYear: '2026' }))).toBe(
      request(allAtOnce.entities.order.query.byState({ state: 'PENDING', createdYear: '2026' })),
    );
  });

  it('reuse one service per set of entities', () => {
    expect(shop.of('order', 'inventoryItem')).toBe(shop.of('order', 'inventoryItem'));
    expect(shop.entities.order).toBe(shop.entities.order);
  });
});
