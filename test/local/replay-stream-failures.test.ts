import { DynamoDBStreamsClient, TrimmedDataAccessException } from '@aws-sdk/client-dynamodb-streams';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JsonLinesQueue } from '../../functions/platform/json-lines-queue';
import type { StreamBatchFailure } from '../../lib/local/stream-poller/on-failure';
import { startStreamPoller, type StreamPoller } from '../../lib/local/stream-poller/poller';
import { consumerResolver } from '../../lib/ops/replay-consumers';
import { drainStreamFailures } from '../../lib/ops/replay-stream-failures';
import { replayStreamFailures } from '../../lib/ops/replay-stream-failures-target';
import { readPositions } from '../../lib/ops/stream-positions';
import type { OpsTarget } from '../../lib/ops/targets';
import { faultsOn } from '../support/client-faults';

const work = mkdtempSync(join(tmpdir(), 'replay-stream-failures-'));
const endpoint = process.env.DYNAMODB_ENDPOINT!;
const outbox = join(work, 'sms-outbox.jsonl');
// The functions read these when they first need them: set before any of them runs.
Object.assign(process.env, { SMS_OUTBOX_FILE: outbox, SMS_DLQ_FILE: join(work, 'sms-dlq.jsonl') });

const { aCustomer } = await import('../fixtures/shop');
const { invoke } = await import('../fixtures/events');
const { handler: createOrder } = await import('../../functions/http/orders/create');
const { orderChangeFilters } = await import('../../functions/streams/order-changes');

const target = (queueFile: string): OpsTarget => ({
  description: 'test stack',
  region: 'us-east-1',
  userPoolId: 'local_test',
  tableName: process.env.TABLE_NAME!,
  dynamodbEndpoint: endpoint,
  functionEnvironment: { TABLE_NAME: process.env.TABLE_NAME!, DYNAMODB_ENDPOINT: endpoint, SMS_OUTBOX_FILE: outbox, SMS_DLQ_FILE: join(work, 'sms-dlq.jsonl') },
  streamFailures: { file: queueFile },
});

/** Where the mapping below leaves its records: the consumer crashes on every invocation (out of memory, say). */
const mappingQueue = new JsonLinesQueue(join(work, 'mapping-on-failure.jsonl'));
let poller: StreamPoller;
beforeAll(async () => {
  poller = await startStreamPoller({
    endpoint,
    tableName: process.env.TABLE_NAME!,
    region: 'us-east-1',
    // The registry's consumer, by its module path, so its records name its function.
    consumers: [{ name: 'OrderNotifications', handler: 'streams/order-notifications', filters: orderChangeFilters, batchSize: 5, maxRetries: 1 }],
    loadHandler: async () => async () => {
      throw new Error('Runtime exited with error: signal: killed');
    },
    checkpointDir: join(work, 'checkpoints'),
    onFailureFile: mappingQueue.file,
    pollIntervalMs: 50,
    log: () => undefined,
  });
});
afterAll(() => poller.stop());

/** A new order whose CREATED record the crashing mapping gave up on: its on-failure record. */
async function anOrderItsMappingGaveUpOn(name: string): Promise<{ orderId: string; failure: StreamBatchFailure }> {
  const caller = await aCustomer(`${name}-${Date.now()}`);
  const response = await invoke(createOrder, 'POST /v1/orders', { caller, body: {} });
  expect(response.statusCode).toBe(201);
  const deadline = Date.now() + 15_000;
  for (;;) {
    for (const { message } of await mappingQueue.receive(10)) {
      const failure = message as StreamBatchFailure;
      const read = await readPositions(streams, failure.DDBStreamBatchInfo, 'us-east-1');
      if (JSON.stringify(read.records).includes(response.body.id)) return { orderId: response.body.id, failure };
    }
    if (Date.now() > deadline) throw new Error(`No on-failure record for order ${response.body.id}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const streams = new DynamoDBStreamsClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
const sentFor = (orderId: string) =>
  (existsSync(outbox) ? readFileSync(outbox, 'utf8').trim().split('\n').filter(Boolean).map((line) => JSON.parse(line)) : []).filter(
    (sms: { orderId: string }) => sms.orderId === orderId,
  );
/** A message of the SMS consumer's own (functions/notifications/dead-letters.ts), as the shared queue holds them. */
const smsDeadLetter = {
  kind: 'sms-dead-letter',
  to: '+254722000000',
  message: 'Dear customer, your order ABC123 has been created.',
  orderId: 'other-order',
  state: 'CREATED',
  reason: 'timeout',
  attempts: 5,
  deadLetteredAt: '2026-12-01T10:00:00.000Z',
};

describe('ops replay-stream-failures', () => {
  it('re-reads a mapping record from the stream and notifies its events once; an SMS dead letter beside it is left queued, or handed over', async () => {
    const { orderId, failure } = await anOrderItsMappingGaveUpOn('both');
    const queue = new JsonLinesQueue(join(work, 'both.jsonl'));
    await queue.send(smsDeadLetter);
    await queue.send(failure);
    expect(sentFor(orderId)).toEqual([]);

    const report = await replayStreamFailures(target(queue.file), { max: 10, dryRun: false });
    expect(report.counts).toMatchObject({ replayed: 1, 'sms-kept': 1, failed: 0, lost: 0 });
    expect(report.entries.find((entry) => entry.outcome === 'replayed')).toMatchObject({
      consumer: 'OrderNotifications',
      position: failure.DDBStreamBatchInfo,
      events: [{ orderId, event: 'CREATED' }],
    });
    expect(sentFor(orderId)).toEqual([expect.objectContaining({ orderId, state: 'CREATED', message: expect.stringContaining('has been created') })]);
    // Only the SMS dead letter is left, untouched.
    expect((await new JsonLinesQueue(queue.file).receive(10)).map(({ message }) => message)).toEqual([smsDeadLetter]);

    const handedOver: unknown[] = [];
    const second = await replayStreamFailures(target(queue.file), {
      max: 10,
      dryRun: false,
      replaySmsMessage: async ({ message }) => {
        handedOver.push(message);
        return 'handled';
      },
    });
    expect(second.counts).toMatchObject({ 'sms-handled': 1, replayed: 0 });
    expect(handedOver).toEqual([smsDeadLetter]);
    expect(await new JsonLinesQueue(queue.file).receive(10)).toEqual([]);
  });

  it('sends nothing twice: the same position replayed again, by a second run, is handled without a second SMS', async () => {
    const { orderId, failure } = await anOrderItsMappingGaveUpOn('twice');
    const queue = new JsonLinesQueue(join(work, 'twice.jsonl'));
    await queue.send(failure);
    expect((await replayStreamFailures(target(queue.file), { max: 10, dryRun: false })).counts.replayed).toBe(1);
    await queue.send(failure);
    expect((await replayStreamFailures(target(queue.file), { max: 10, dryRun: false })).counts.replayed).toBe(1);
    expect(sentFor(orderId)).toHaveLength(1);
    expect((await replayStreamFailures(target(queue.file), { max: 10, dryRun: false })).entries).toEqual([]);
  });

  it('reports a position the stream no longer holds as lost, with its reason and the order event of its window, and sends nothing', async () => {
    const { orderId, failure } = await anOrderItsMappingGaveUpOn('trimmed');
    const queue = new JsonLinesQueue(join(work, 'trimmed.jsonl'));
    await queue.send(failure);
    const faulty = new DynamoDBStreamsClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    faultsOn(faulty).failNext('GetShardIteratorCommand', () => new TrimmedDataAccessException({ message: 'Trimmed', $metadata: {} }));
    const reported: unknown[] = [];

    const report = await drainStreamFailures({
      queue,
      readPositions: (position) => readPositions(faulty, position, 'us-east-1'),
      consumerFor: consumerResolver(target(queue.file)),
      report: (entry) => reported.push(entry),
    });
    faulty.destroy();

    expect(report.counts).toMatchObject({ lost: 1, replayed: 0 });
    expect(reported).toEqual(report.entries);
    expect(report.entries[0]).toMatchObject({
      outcome: 'lost',
      position: failure.DDBStreamBatchInfo,
      events: [],
      lost: { reason: 'TrimmedDataAccessException', events: [{ orderId, event: 'CREATED', at: expect.any(String) }] },
    });
    expect(sentFor(orderId)).toEqual([]);
    expect(await new JsonLinesQueue(queue.file).receive(10)).toEqual([]);
  });
});

afterAll(() => streams.destroy());
