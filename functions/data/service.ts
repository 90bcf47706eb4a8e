import { Service } from 'electrodb';
import { config } from '../platform/config';
import { documentClient } from './client';
import { entityBuilders, type TableEntities, type TableEntity } from './table-entities';

const entityConfig = { table: config.tableName, client: documentClient };
const built: Partial<TableEntities> = {};
const services = new Map<string, Service<Partial<TableEntities>>>();

function entity<Name extends TableEntity>(name: Name): TableEntities[Name] {
  return (built[name] ??= entityBuilders[name](entityConfig) as TableEntities[Name]);
}

const entities = Object.defineProperties(
  {} as TableEntities,
  Object.fromEntries((Object.keys(entityBuilders) as TableEntity[]).map((name) => [name, { enumerable: true, get: () => entity(name) }])),
);

/**
 * The table's ElectroDB entities, each built on first use. Building one validates its model
 * (about 25 ms for the first in a process, 3-5 ms for each after), so a cold function pays only
 * for the entities it touches rather than all eleven.
 */
export const shop = {
  entities,
  /** An ElectroDB service of just the named entities, for a transaction or a collection over them. */
  of<Name extends TableEntity>(...names: Name[]): Service<Pick<TableEntities, Name>> {
    const key = names.join(',');
    let service = services.get(key);
    if (!service) {
      service = new Service(Object.fromEntries(names.map((name) => [name, entity(name)])), entityConfig);
      services.set(key, service);
    }
    return service as Service<Pick<TableEntities, Name>>;
  },
};
