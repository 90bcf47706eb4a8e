import { buildCustomerEntity } from './entities/customer';
import { buildCustomerOrdersEntity } from './entities/customer-orders';
import { buildCustomerSearchEntryEntity } from './entities/customer-search-entry';
import { buildEmployeeEntity } from './entities/employee';
import { buildInboxCounterEntity } from './entities/inbox-counter';
import { buildInventoryItemEntity } from './entities/inventory-item';
import { buildNotificationEntity } from './entities/notification';
import { buildOrderEntity } from './entities/order';
import { buildOrderEventEntity } from './entities/order-event';
import { buildSmsDeliveryEntity } from './entities/sms-delivery';
import { buildUniqueValueEntity } from './entities/unique-value';

/**
 * How each ElectroDB entity of the service table is built, by name. The service (service.ts)
 * builds each on first use; the CDK grants read from their indexes which table index each access
 * pattern queries.
 */
export const entityBuilders = {
  customer: buildCustomerEntity,
  customerOrders: buildCustomerOrdersEntity,
  customerSearchEntry: buildCustomerSearchEntryEntity,
  employee: buildEmployeeEntity,
  uniqueValue: buildUniqueValueEntity,
  inventoryItem: buildInventoryItemEntity,
  order: buildOrderEntity,
  orderEvent: buildOrderEventEntity,
  notification: buildNotificationEntity,
  inboxCounter: buildInboxCounterEntity,
  smsDelivery: buildSmsDeliveryEntity,
};

export type TableEntities = { [Name in keyof typeof entityBuilders]: ReturnType<(typeof entityBuilders)[Name]> };
export type TableEntity = keyof TableEntities;

/** An entity's access pattern, `entity.pattern` (the keys of its `indexes`), e.g. `order.byCustomer`. */
export type QueryPattern = {
  [Name in TableEntity]: `${Name}.${keyof TableEntities[Name]['schema']['indexes'] & string}`;
}[TableEntity];

type SchemaIndexes = Record<string, { index?: string; pk: unknown }>;
const indexesByEntity: Partial<Record<TableEntity, SchemaIndexes>> = {};

/** The table index a pattern queries, or undefined for the table's own keys (pk/sk). */
export function indexOfPattern(pattern: QueryPattern): string | undefined {
  const [entity, name] = pattern.split('.') as [TableEntity, string];
  // Each entity is built once, not once per route that queries it.
  const indexes = (indexesByEntity[entity] ??= entityBuilders[entity]().schema.indexes as SchemaIndexes);
  const found = indexes[name];
  if (!found) throw new Error(`No access pattern ${pattern} in functions/data/entities`);
  return found.index;
}
