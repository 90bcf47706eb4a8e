import { Service } from 'electrodb';
import { config } from '../platform/config';
import { documentClient } from './client';
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

export const shop = new Service(
  {
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
  },
  { table: config.tableName, client: documentClient },
);
