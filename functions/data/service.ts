import { Service } from 'electrodb';
import { config } from '../platform/config';
import { documentClient } from './client';
import { tableEntities } from './table-entities';

export const shop = new Service(tableEntities, { table: config.tableName, client: documentClient });
