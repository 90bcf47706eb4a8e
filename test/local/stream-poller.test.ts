import { DeleteItemCommand, DescribeTableCommand, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { localDynamoDbClient } from '../../lib/local/dynamodb-local';
import { JsonLinesQueue } from '../../functions/platform/json-lines-queue';
import type { StreamBatchFailure } from '../../lib/local/stream-poller/on-failure';
import { startStreamPoller, type PollerConsumer, type StreamPoller, type StreamPollerOptions } from '../../lib/local/stream-poller/poller';

/** The per-file table of test/support/per-file-env.ts, in the run's DynamoDB Local. */
const endpoint = process.env.DYNAMODB_ENDPOINT!;
const tableName = process.env.TABLE_NAME!;
const dynamodb = localDynamoDbClient(endpoint);
const work = mkdtempSync(join(tmpdir(), 'stream-poller-'));
const onFailureFile = join(work, 'stream-dlq.jsonl');
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

async function start(
  consumers: PollerConsumer[],
  checkpointDir = join(work, 'checkpoints'),
  startingPosition: 'TRIM_HORIZON' | 'LATEST' = 'TRIM_HORIZON',
  more: Partial<StreamPollerOptions> = {},
) {
  const poller = await startStreamPoller({
    endpoint,
    tableName,
    region: 'us-east-1',
    consumers,
    checkpointDir,
    onFailureFile,
    startingPosition,
    pollIntervalMs: 50,
    log: () => undefined,
    ...more,
  });
  running.push(poller);
  return poller;
}

async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 8000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The on-failure records of one consumer (its function is named after it). */
const failuresOf = async (name: string) =>
  (await new JsonLinesQueue(onFailureFile).receive(1000))
    .map(({ message }) => message as StreamBatchFailure)
    .filter((failure) => failure.requestContext.functionArn.endsWith(`:function:orders-${name}`));

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

  it('retries a failed invocation at once with the whole batch, holding the shard, then sends one position-only record and moves on', async () => {
    const { consumer, batches, keys } = recorder('exhausted', {
      maxRetries: 3,
      respond: (batch) => {
        if (batch.some((record) => record.dynamodb!.Keys!.pk!.S!.startsWith('exhausted#bad'))) throw new Error('downstream unavailable');
      },
    });
    // Written before the poller starts: both come in one read, so in one batch.
    await put('exhausted#bad1');
    await put('exhausted#bad2');
    await start([consumer]);
    await until(() => batches.length >= 1, 'the first invocation');
    await put('exhausted#good');
    await until(() => keys().includes('exhausted#good'), 'the record behind the failed batch');

    const bad = batches[0]!;
    expect(batches.map((batch) => batch.map((record) => record.dynamodb!.Keys!.pk!.S))).toEqual([
      ...Array(4).fill(['exhausted#bad1', 'exhausted#bad2']),
      ['exhausted#good'],
    ]);
    const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName: tableName }));
    const failures = await failuresOf('exhausted');
    expect(failures).toEqual([
      {
        requestContext: {
          requestId: expect.any(String),
          functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:orders-exhausted',
          condition: 'RetryAttemptsExhausted',
          approximateInvokeCount: 4,
        },
        responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
        version: '1.0',
        timestamp: expect.any(String),
        DDBStreamBatchInfo: {
          shardId: expect.any(String),
          startSequenceNumber: bad[0]!.dynamodb!.SequenceNumber,
          endSequenceNumber: bad[1]!.dynamodb!.SequenceNumber,
          approximateArrivalOfFirstRecord: new Date(bad[0]!.dynamodb!.ApproximateCreationDateTime! * 1000).toISOString(),
          approximateArrivalOfLastRecord: new Date(bad[1]!.dynamodb!.ApproximateCreationDateTime! * 1000).toISOString(),
          batchSize: 2,
          streamArn: Table!.LatestStreamArn,
        },
      },
    ]);
    expect(JSON.stringify(failures)).not.toContain('exhausted#bad');
  });

  it('bisects a failing batch only when the consumer declares it', async () => {
    const alwaysThrows = () => {
      throw new Error('crash');
    };
    const plain = recorder('whole', { maxRetries: 1, respond: alwaysThrows });
    const split = recorder('bisect', { maxRetries: 1, bisectBatchOnError: true, respond: alwaysThrows });
    for (const name of ['whole', 'bisect']) {
      await put(`${name}#a`);
      await put(`${name}#b`);
    }
    await start([plain.consumer, split.consumer]);
    await until(async () => (await failuresOf('whole')).length === 1 && (await failuresOf('bisect')).length === 2, 'both given up on');

    expect(plain.batches.map((batch) => batch.length)).toEqual([2, 2]);
    // Split in two (no retry spent), then each half is retried once on its own.
    expect(split.batches.map((batch) => batch.map((record) => record.dynamodb!.Keys!.pk!.S))).toEqual([
      ['bisect#a', 'bisect#b'],
      ['bisect#a'],
      ['bisect#a'],
      ['bisect#b'],
      ['bisect#b'],
    ]);
    expect((await failuresOf('bisect')).map((failure) => [failure.DDBStreamBatchInfo.batchSize, failure.requestContext.approximateInvokeCount])).toEqual([
      [1, 2],
      [1, 2],
    ]);
  });

  it('with ReportBatchItemFailures, retries from the first record reported failed, and loses none after it', async () => {
    let failedOnce = false;
    const { consumer, keys } = recorder('partial', {
      reportBatchItemFailures: true,
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
    expect(await failuresOf('partial')).toEqual([]);
  });

  it('without ReportBatchItemFailures, takes an answer naming failures as success, as Lambda does', async () => {
    const { consumer, keys } = recorder('undeclared', {
      respond: (batch): DynamoDBBatchResponse => ({ batchItemFailures: batch.map((record) => ({ itemIdentifier: record.dynamodb!.SequenceNumber! })) }),
    });
    await start([consumer]);
    await put('undeclared#1');
    await put('undeclared#2');
    await until(() => keys().length >= 2, 'both records');
    await put('undeclared#3');
    await until(() => keys().includes('undeclared#3'), 'the next record');
    expect(keys()).toEqual(['undeclared#1', 'undeclared#2', 'undeclared#3']);
    expect(await failuresOf('undeclared')).toEqual([]);
  });

  it('gives up on a reported failure after maxRetries: the record and those held back behind it, as one position', async () => {
    const { consumer, batches, keys } = recorder('poison', {
      maxRetries: 2,
      reportBatchItemFailures: true,
      respond: (batch): DynamoDBBatchResponse => ({
        batchItemFailures: batch
          .filter((record) => record.dynamodb!.Keys!.pk!.S === 'poison#bad')
          .map((record) => ({ itemIdentifier: record.dynamodb!.SequenceNumber! })),
      }),
    });
    for (const id of ['ok1', 'bad', 'ok2']) await put(`poison#${id}`);
    await start([consumer]);
    await until(() => batches.length >= 1, 'the first invocation');
    await put('poison#after');
    await until(() => keys().includes('poison#after'), 'the record after the failed batch');

    expect(batches.map((batch) => batch.map((record) => record.dynamodb!.Keys!.pk!.S))).toEqual([
      ['poison#ok1', 'poison#bad', 'poison#ok2'],
      ['poison#bad', 'poison#ok2'],
      ['poison#bad', 'poison#ok2'],
      ['poison#after'],
    ]);
    const [failure, ...more] = await failuresOf('poison');
    expect(more).toEqual([]);
    expect(failure).toMatchObject({
      requestContext: { condition: 'RetryAttemptsExhausted', approximateInvokeCount: 3 },
      responseContext: { statusCode: 200 },
      DDBStreamBatchInfo: { startSequenceNumber: batches[1]![0]!.dynamodb!.SequenceNumber, endSequenceNumber: batches[1]![1]!.dynamodb!.SequenceNumber, batchSize: 2 },
    });
    expect(failure!.responseContext).not.toHaveProperty('functionError');
  });

  it('gives up on records older than the max record age without invoking the consumer', async () => {
    const { consumer, batches } = recorder('aged');
    await put('aged#1');
    await start([consumer], join(work, 'aged-checkpoints'), 'TRIM_HORIZON', { maxRecordAgeSeconds: 60, now: () => Date.now() + 120_000 });
    await until(async () => (await failuresOf('aged')).length === 1, 'the record given up on');
    expect(batches).toEqual([]);
    expect((await failuresOf('aged'))[0]).toMatchObject({
      requestContext: { condition: 'RecordAgeExceeded', approximateInvokeCount: 0 },
      DDBStreamBatchInfo: { batchSize: 1 },
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
      onFailureFile,
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
