import { customerEntity } from './entities/customer';
import { customerOrdersEntity } from './entities/customer-orders';
import { customerSearchEntryEntity } from './entities/customer-search-entry';
import { employeeEntity } from './entities/employee';
import { inboxCounterEntity } from './entities/inbox-counter';
import { inventoryItemEntity } from './entities/inventory-item';
import { notificationEntity } from './entities/notification';
import { orderEntity } from './entities/order';
import { orderEventEntity } from './entities/order-event';
import { smsDeliveryEntity } from './entities/sms-delivery';
import { uniqueValueEntity } from './entities/unique-value';

/**
 * The ElectroDB entities of the service table, by name. The service (service.ts) is built from
 * them, and the CDK grants read from their indexes which table index each access pattern queries.
 */
export const tableEntities = {
  customer: customerEntity,
  customerOrders: customerOrdersEntity,
  customerSearchEntry: customerSearchEntryEntity,
  employee: employeeEntity,
  uniqueValue: uniqueValueEntity,
  inventoryItem: inventoryItemEntity,
  order: orderEntity,
  orderEvent: orderEventEntity,
  notification: notificationEntity,
  inboxCounter: inboxCounterEntity,
  smsDelivery: smsDeliveryEntity,
};

type TableEntities = typeof tableEntities;
export type TableEntity = keyof TableEntities;

/** An entity's access pattern, `entity.pattern` (the keys of its `indexes`), e.g. `order.byCustomer`. */
export type QueryPattern = {
  [Name in TableEntity]: `${Name}.${keyof TableEntities[Name]['schema']['indexes'] & string}`;
}[TableEntity];

/** The table index a pattern queries, or undefined for the table's own keys (pk/sk). */
export function indexOfPattern(pattern: QueryPattern): string | undefined {
  const [entity, name] = pattern.split('.') as [TableEntity, string];
  const indexes = tableEntities[entity].schema.indexes as Record<string, { index?: string; pk: unknown }>;
  const found = indexes[name];
  if (!found) throw new Error(`No access pattern ${pattern} in functions/data/entities`);
  return found.index;
}
