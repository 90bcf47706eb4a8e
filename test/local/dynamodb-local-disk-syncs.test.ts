import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CreateTableCommand, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { skipsDiskSyncs, startDynamoDbLocal } from '../../lib/local/dynamodb-local';
import { freePort } from '../../lib/local/ports';

const dataPath = mkdtempSync(join(tmpdir(), 'dynamodb-syncs-'));
afterAll(() => rmSync(dataPath, { recursive: true, force: true }));

const loadedLibraries = (pid: number) => readFileSync(`/proc/${pid}/maps`, 'utf8');

describe('DynamoDB Local on disk', () => {
  it('runs under eatmydata where it is installed, and keeps its data across a restart', async () => {
    const port = await freePort();
    const first = await startDynamoDbLocal({ port, path: dataPath });
    try {
      expect(loadedLibraries(first.process.pid!).includes('libeatmydata')).toBe(skipsDiskSyncs());
      await first.client.send(
        new CreateTableCommand({
          TableName: 'kept',
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        }),
      );
      await first.client.send(new PutItemCommand({ TableName: 'kept', Item: { pk: { S: 'order' }, state: { S: 'PENDING' } } }));
    } finally {
      await first.stop();
    }
    const second = await startDynamoDbLocal({ port, path: dataPath });
    try {
      const { Item } = await second.client.send(new GetItemCommand({ TableName: 'kept', Key: { pk: { S: 'order' } }, ConsistentRead: true }));
      expect(Item?.state?.S).toBe('PENDING');
    } finally {
      await second.stop();
    }
  });

  it('keeps the disk syncs when LOCAL_DYNAMODB_FSYNC=true', () => {
    const saved = process.env.LOCAL_DYNAMODB_FSYNC;
    process.env.LOCAL_DYNAMODB_FSYNC = 'true';
    try {
      expect(skipsDiskSyncs()).toBe(false);
    } finally {
      if (saved === undefined) delete process.env.LOCAL_DYNAMODB_FSYNC;
      else process.env.LOCAL_DYNAMODB_FSYNC = saved;
    }
  });
});
