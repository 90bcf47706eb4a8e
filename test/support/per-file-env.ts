import { randomUUID } from 'node:crypto';
import { afterAll, expect, inject } from 'vitest';
import { localDynamoDbClient } from '../../lib/local/dynamodb-local';
import { createIdempotencyTable, createServiceTable } from '../../lib/local/tables';

/** Runs before each test file's imports: a fresh table pair and the environment the functions read. */
const suffix = randomUUID().slice(0, 8);
Object.assign(process.env, {
  AWS_REGION: 'us-east-1',
  DYNAMODB_ENDPOINT: inject('dynamodbEndpoint'),
  TABLE_NAME: `shop-${suffix}`,
  IDEMPOTENCY_TABLE_NAME: `idempotency-${suffix}`,
  CURSOR_SECRET: 'test-cursor-secret',
  USER_POOL_ID: process.env.USER_POOL_ID ?? 'local_testpool',
  USER_POOL_CLIENT_ID: process.env.USER_POOL_CLIENT_ID ?? 'test-client',
  POWERTOOLS_LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'SILENT',
  POWERTOOLS_DEV: 'true',
});

const client = localDynamoDbClient(process.env.DYNAMODB_ENDPOINT!);
await createServiceTable(client, process.env.TABLE_NAME!);
await createIdempotencyTable(client, process.env.IDEMPOTENCY_TABLE_NAME!);
client.destroy();

// Every DynamoDB request a route's handler made in this file (through `invoke` or a local stack's gateway) is one its grants allow.
afterAll(async () => {
  const { ungrantedRequests } = await import('./route-requests');
  expect(ungrantedRequests(), 'DynamoDB requests outside the grants derived from the route declarations').toEqual([]);
});
