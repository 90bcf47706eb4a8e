import { Service } from 'electrodb';
import { config } from '../platform/config';
import { documentClient } from './client';
import { customerEntity } from './entities/customer';
import { employeeEntity } from './entities/employee';
import { uniqueValueEntity } from './entities/unique-value';

export const shop = new Service(
  { customer: customerEntity, employee: employeeEntity, uniqueValue: uniqueValueEntity },
  { table: config.tableName, client: documentClient },
);
