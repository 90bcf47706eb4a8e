import { DeleteItemCommand, DescribeTableCommand, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { localDynamoDbClient } from '../../lib/local/dynamodb-local';
import type { DeadLetter } from '../../lib/local/stream-poller/dead-letters';
import { startStreamPoller, type PollerConsumer, type StreamPoller } from '../../lib/local/stream-poller/poller';

/** The per-file table of test/support/per-file-env.ts, in the run's DynamoDB Local. */
const endpoint = process.env.DYNAMODB_ENDPOINT!;
const tableName = process.env.TABLE_NAME!;
const dynamodb = localDynamoDbClient(endpoint);
const work = mkdtempSync(join(tmpdir(), 'stream-poller-'));
const deadLetterFile = join(work, 'stream-dlq.jsonl');
const running: StreamPoller[] = [];

afterEach(async () => {
  for (const poller of running.splice(0)) await poller.stop();
});
afterAll(() => dynamodb.destroy());

async function put(pk: string, attributes: Record<string, string> = {}) {
  const item = Object.fromEntries(Object.entries(attributes).map(([name, value]) => [name, { S: value }]));
  await dynamodb.send(new PutItemCommand({ TableName: tableName, Item: { pk: { S: pk }, sk: { S: 'item' }, ...item } }));
}

/** Collects every batch a consumer gets; `respond` decides its answer per call. */
function recorder(name: string, options: Partial<PollerConsumer> & { respond?: (batch: DynamoDBRecord[], call: number) => unknown } = {}) {
  const batches: DynamoDBRecord[][] = [];
  const consumer: PollerConsumer = {
    name,
    batchSize: 10,
    maxRetries: 3,
    // Only this test's items: every test writes keys under its own prefix into the shared stream.
    filters: [{ dynamodb: { Keys: { pk: { S: [{ prefix: `${name}#` }] } } } }],
    ...options,
    handler: async (event: DynamoDBStreamEvent) => {
      batches.push(event.Records);
      return options.respond?.(event.Records, batches.length);
    },
  };
  const keys = () => batches.flat().map((record) => record.dynamodb!.Keys!.pk!.S);
  return { consumer, batches, keys };
}

async function start(consumers: PollerConsumer[], checkpointDir = join(work, 'checkpoints'), startingPosition: 'TRIM_HORIZON' | 'LATEST' = 'TRIM_HORIZON') {
  const poller = await startStreamPoller({
    endpoint,
    tableName,
    region: 'us-east-1',
    consumers,
    checkpointDir,
    deadLetterFile,
    startingPosition,
    pollIntervalMs: 50,
    backoffMs: () => 20,
    log: () => undefined,
  });
  running.push(poller);
  return poller;
}

async function until(condition: () => boolean, what: string, timeoutMs = 8000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const deadLetters = (): DeadLetter[] =>
  existsSync(deadLetterFile) ? readFileSync(deadLetterFile, 'utf8').trim().split('\n').filter(Boolean).map((line) => JSON.parse(line)) : [];

describe('the stream poller', () => {
  it('delivers real DynamoDB stream events, in order, in batches of at most batchSize', async () => {
    const { consumer, batches, keys } = recorder('order', { batchSize: 2 });
    await start([consumer]);
    for (const id of ['1', '2', '3', '4']) await put(`order#${id}`, { state: 'CREATED' });
    await dynamodb.send(
      new UpdateItemCommand({
        TableName: tableName,
        Key: { pk: { S: 'order#2' }, sk: { S: 'item' } },
        UpdateExpression: 'SET #state = :state',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':state': { S: 'PENDING' } },
      }),
    );
    await dynamodb.send(new DeleteItemCommand({ TableName: tableName, Key: { pk: { S: 'order#3' }, sk: { S: 'item' } } }));
    await until(() => keys().length === 6, 'six records');

    expect(batches.every((batch) => batch.length >= 1 && batch.length <= 2)).toBe(true);
    const records = batches.flat();
    expect(records.map((record) => record.eventName)).toEqual(['INSERT', 'INSERT', 'INSERT', 'INSERT', 'MODIFY', 'REMOVE']);
    expect(keys()).toEqual(['order#1', 'order#2', 'order#3', 'order#4', 'order#2', 'order#3']);
    const sequenceNumbers = records.map((record) => BigInt(record.dynamodb!.SequenceNumber!));
    expect([...sequenceNumbers].sort((a, b) => (a < b ? -1 : 1))).toEqual(sequenceNumbers);

    const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName: tableName }));
    const modify = records[4]!;
    expect(modify).toEqual({
      eventID: expect.any(String),
      eventName: 'MODIFY',
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: 'us-east-1',
      eventSourceARN: Table!.LatestStreamArn,
      dynamodb: {
        ApproximateCreationDateTime: expect.any(Number),
        Keys: { pk: { S: 'order#2' }, sk: { S: 'item' } },
        NewImage: { pk: { S: 'order#2' }, sk: { S: 'item' }, state: { S: 'PENDING' } },
        OldImage: { pk: { S: 'order#2' }, sk: { S: 'item' }, state: { S: 'CREATED' } },
        SequenceNumber: expect.stringMatching(/^\d+$/),
        SizeBytes: expect.any(Number),
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
    });
    expect(records[5]!.dynamodb).not.toHaveProperty('NewImage');
  });

  it('applies the consumer\'s filters: only matching records are delivered', async () => {
    const { consumer, keys } = recorder('filtered', {
      filters: [{ eventName: ['INSERT'], dynamodb: { NewImage: { kind: { S: ['order'] }, pk: { S: [{ prefix: 'filtered#' }] } } } }],
    });
    await start([consumer]);
    await put('filtered#1', { kind: 'order' });
    await put('filtered#2', { kind: 'customer' });
    await put('filtered#3', { kind: 'order' });
    await put('filtered#4');
    await until(() => keys().length === 2, 'two matching records');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(keys()).toEqual(['filtered#1', 'filtered#3']);
  });

  it('retries from the first record a consumer reports as failed, and loses none after it', async () => {
    let failedOnce = false;
    const { consumer, keys } = recorder('partial', {
      respond: (batch): DynamoDBBatchResponse => {
        const second = batch.find((record) => record.dynamodb!.Keys!.pk!.S === 'partial#2');
        if (second && !failedOnce) {
          failedOnce = true;
          return { batchItemFailures: [{ itemIdentifier: second.dynamodb!.SequenceNumber! }] };
        }
        return { batchItemFailures: [] };
      },
    });
    await start([consumer]);
    for (const id of ['1', '2', '3', '4']) await put(`partial#${id}`);
    // The records may come in one batch or several, depending on how fast the poller catches them.
    await until(() => keys().includes('partial#4') && keys().filter((key) => key === 'partial#2').length === 2, 'the redelivery and the rest');
    const seen = keys();
    expect(seen.filter((key) => key === 'partial#1')).toHaveLength(1);
    expect(seen.filter((key) => key === 'partial#2')).toHaveLength(2);
    expect(new Set(seen)).toEqual(new Set(['partial#1', 'partial#2', 'partial#3', 'partial#4']));
    // The retry starts at the failed record: 2 comes again before 3 and 4 are seen for the last time.
    expect(seen.lastIndexOf('partial#2')).toBeLessThan(seen.lastIndexOf('partial#3'));
    expect(deadLetters().filter((letter) => letter.consumer === 'partial')).toEqual([]);
  });

  it('treats a thrown error as a failure of the whole batch', async () => {
    let calls = 0;
    const { consumer, batches } = recorder('throws', {
      respond: () => {
        calls += 1;
        if (calls === 1) throw new Error('downstream unavailable');
      },
    });
    await start([consumer]);
    await put('throws#1');
    await put('throws#2');
    await until(() => calls >= 2, 'a retry');
    expect(batches[1]!.map((record) => record.dynamodb!.Keys!.pk!.S)).toEqual(batches[0]!.map((record) => record.dynamodb!.Keys!.pk!.S));
  });

  it('dead-letters a record that keeps failing after maxRetries, then moves on', async () => {
    const { consumer, keys } = recorder('poison', {
      maxRetries: 2,
      batchSize: 1,
      respond: (batch): DynamoDBBatchResponse => ({
        batchItemFailures: batch
          .filter((record) => record.dynamodb!.Keys!.pk!.S === 'poison#bad')
          .map((record) => ({ itemIdentifier: record.dynamodb!.SequenceNumber! })),
      }),
    });
    await start([consumer]);
    await put('poison#bad', { note: 'never works' });
    await put('poison#good');
    await until(() => keys().includes('poison#good'), 'the record after the poison one');
    expect(keys().filter((key) => key === 'poison#bad')).toHaveLength(3);
    const letters = deadLetters().filter((letter) => letter.consumer === 'poison');
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({
      consumer: 'poison',
      attempts: 3,
      record: { eventName: 'INSERT', dynamodb: { Keys: { pk: { S: 'poison#bad' } }, NewImage: { note: { S: 'never works' } } } },
    });
  });

  it('resumes after a restart where it stopped: no replay, no loss', async () => {
    const checkpoints = join(work, 'restart-checkpoints');
    const first = recorder('restart');
    const poller = await start([first.consumer], checkpoints);
    await put('restart#1');
    await put('restart#2');
    await until(() => first.keys().length === 2, 'the first two');
    await poller.stop();

    await put('restart#3');
    await put('restart#4');
    const second = recorder('restart');
    await start([second.consumer], checkpoints);
    await until(() => second.keys().length === 2, 'the two written while stopped');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(second.keys()).toEqual(['restart#3', 'restart#4']);
  });

  it('loads a consumer named by module path, like functions/streams/consumers.ts names them, and gives it a Lambda context', async () => {
    const seen: { keys: string[]; functionName: string; remaining: number }[] = [];
    const poller = await startStreamPoller({
      endpoint,
      tableName,
      region: 'us-east-1',
      consumers: [{ name: 'by-path', handler: 'streams/test-consumer', batchSize: 5, maxRetries: 0, filters: [{ dynamodb: { Keys: { pk: { S: [{ prefix: 'by-path#' }] } } } }] }],
      loadHandler: async (modulePath) => {
        expect(modulePath).toBe('streams/test-consumer');
        return async (event: DynamoDBStreamEvent, context: { functionName: string; getRemainingTimeInMillis: () => number }) => {
          seen.push({
            keys: event.Records.map((record) => record.dynamodb!.Keys!.pk!.S!),
            functionName: context.functionName,
            remaining: context.getRemainingTimeInMillis(),
          });
        };
      },
      checkpointDir: join(work, 'by-path-checkpoints'),
      deadLetterFile,
      pollIntervalMs: 50,
      log: () => undefined,
    });
    running.push(poller);
    await put('by-path#1');
    await until(() => seen.length === 1, 'the record');
    expect(seen[0]).toEqual({ keys: ['by-path#1'], functionName: 'orders-streams-test-consumer', remaining: expect.any(Number) });
    expect(seen[0]!.remaining).toBeGreaterThan(1000);
  });

  it('starts a new consumer at LATEST when asked: older records are skipped', async () => {
    await put('latest#old');
    const { consumer, keys } = recorder('latest');
    await start([consumer], join(work, 'latest-checkpoints'), 'LATEST');
    await put('latest#new');
    await until(() => keys().length === 1, 'the new record');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(keys()).toEqual(['latest#new']);
  });
});
