import { Service } from 'electrodb';
import { config } from '../platform/config';
import { documentClient } from './client';
import { customerEntity } from './entities/customer';
import { employeeEntity } from './entities/employee';
import { inventoryItemEntity } from './entities/inventory-item';
import { orderEntity } from './entities/order';
import { orderEventEntity } from './entities/order-event';
import { uniqueValueEntity } from './entities/unique-value';

export const shop = new Service(
  {
    customer: customerEntity,
    employee: employeeEntity,
    uniqueValue: uniqueValueEntity,
    inventoryItem: inventoryItemEntity,
    order: orderEntity,
    orderEvent: orderEventEntity,
  },
  { table: config.tableName, client: documentClient },
);
