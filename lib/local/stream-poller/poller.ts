import { DescribeTableCommand, DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as StreamRecord,
  type Shard,
  type ShardIteratorType,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord } from 'aws-lambda';
import { JsonLinesQueue } from '../../../functions/platform/json-lines-queue';
import type { StreamConsumer } from '../../../functions/streams/consumers';
import type { HandlerLoader, LambdaHandler } from '../function-modules';
import { functionArnFor, functionNameFor, lambdaContext } from '../lambda-context';
import { fileCheckpointStore, type Checkpoint, type CheckpointStore } from './checkpoints';
import { deliverBatch, type MappingSettings } from './delivery';
import { compileFilters, type Matcher } from './filter-pattern';
import { streamBatchFailure } from './on-failure';
import { toLambdaRecord } from './records';

/** A consumer from functions/streams/consumers.ts, or one whose handler is a function (tests). */
export type PollerConsumer = Omit<StreamConsumer, 'handler'> & { handler: string | LambdaHandler };

export interface StreamPollerOptions {
  /** DynamoDB Local's URL. */
  endpoint: string;
  tableName: string;
  region: string;
  consumers: readonly PollerConsumer[];
  loadHandler?: HandlerLoader;
  checkpointDir: string;
  /** The on-failure destination: Lambda's record of each batch given up on, one JSON line each (functions/platform/json-lines-queue.ts). */
  onFailureFile: string;
  /** Where a consumer without a checkpoint begins; TRIM_HORIZON delivers everything still in the stream. */
  startingPosition?: 'TRIM_HORIZON' | 'LATEST';
  pollIntervalMs?: number;
  /** MaximumRecordAgeInSeconds of every mapping (a stage setting in CDK); default -1, no limit. */
  maxRecordAgeSeconds?: number;
  /** The mappings' clock, against which record ages are measured (default Date.now). */
  now?: () => number;
  /** How long a consumer may run per batch (its Lambda timeout). */
  timeoutMs?: number;
  log?: (message: string, error?: unknown) => void;
}

export interface StreamPoller {
  stop: () => Promise<void>;
}

interface ShardState {
  shard: Shard;
  iterator?: string;
}

class Stopped extends Error {}

const RESTART_ERRORS = new Set(['ExpiredIteratorException', 'TrimmedDataAccessException', 'ResourceNotFoundException']);
const DESCRIBE_EVERY_MS = 5000;

async function listShards(streams: DynamoDBStreamsClient, streamArn: string): Promise<Shard[]> {
  const shards: Shard[] = [];
  let exclusiveStartShardId: string | undefined;
  do {
    const { StreamDescription } = await streams.send(
      new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId: exclusiveStartShardId }),
    );
    shards.push(...(StreamDescription?.Shards ?? []));
    exclusiveStartShardId = StreamDescription?.LastEvaluatedShardId;
  } while (exclusiveStartShardId);
  return shards;
}

/**
 * One event source mapping: a consumer's own position in every shard of the stream, persisted,
 * so a restart neither replays nor loses records. Parents are read before their children.
 */
class Mapping {
  private readonly shards = new Map<string, ShardState>();
  private checkpoint!: Checkpoint;
  private lastDescribe = 0;
  private readonly matches: Matcher;
  private readonly functionName: string;
  private readonly onFailure: JsonLinesQueue;
  private readonly settings: MappingSettings;

  constructor(
    private readonly consumer: PollerConsumer,
    private readonly streamArn: string,
    private readonly streams: DynamoDBStreamsClient,
    private readonly store: CheckpointStore,
    private readonly options: StreamPollerOptions & { log: NonNullable<StreamPollerOptions['log']> },
    private readonly isStopped: () => boolean,
  ) {
    this.matches = compileFilters(consumer.filters);
    this.functionName = typeof consumer.handler === 'string' ? functionNameFor(consumer.handler) : `orders-${consumer.name}`;
    this.onFailure = new JsonLinesQueue(options.onFailureFile);
    this.settings = {
      maxRetries: consumer.maxRetries,
      bisectBatchOnError: consumer.bisectBatchOnError ?? false,
      reportBatchItemFailures: consumer.reportBatchItemFailures ?? false,
      maxRecordAgeSeconds: options.maxRecordAgeSeconds ?? -1,
    };
  }

  async init(): Promise<void> {
    const saved = await this.store.load();
    if (saved && saved.streamArn === this.streamArn) {
      this.checkpoint = saved;
      return;
    }
    // No position yet, or the table (and so its stream) was recreated.
    this.checkpoint = { streamArn: this.streamArn, shards: {} };
    await this.refreshShards();
    if (saved === undefined && (this.options.startingPosition ?? 'TRIM_HORIZON') === 'LATEST') await this.skipToEnd();
    await this.store.save(this.checkpoint);
  }

  /** LATEST, made durable: every shard is read to its current end without delivering. */
  private async skipToEnd(): Promise<void> {
    for (const state of this.shards.values()) {
      let iterator: string | undefined = await this.iteratorFor(state.shard.ShardId!);
      while (iterator) {
        const page = await this.streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
        const last = page.Records?.at(-1)?.dynamodb?.SequenceNumber;
        if (last) this.position(state.shard.ShardId!).sequenceNumber = last;
        if (!page.NextShardIterator) this.position(state.shard.ShardId!).finished = true;
        iterator = page.Records?.length ? page.NextShardIterator : undefined;
      }
    }
  }

  private position(shardId: string) {
    return (this.checkpoint.shards[shardId] ??= {});
  }

  private async refreshShards(): Promise<void> {
    for (const shard of await listShards(this.streams, this.streamArn)) {
      if (!this.shards.has(shard.ShardId!)) this.shards.set(shard.ShardId!, { shard });
    }
    this.lastDescribe = Date.now();
  }

  private async iteratorFor(shardId: string): Promise<string | undefined> {
    const after = this.checkpoint.shards[shardId]?.sequenceNumber;
    const type: ShardIteratorType = after ? 'AFTER_SEQUENCE_NUMBER' : 'TRIM_HORIZON';
    const { ShardIterator } = await this.streams.send(
      new GetShardIteratorCommand({ StreamArn: this.streamArn, ShardId: shardId, ShardIteratorType: type, SequenceNumber: after }),
    );
    return ShardIterator;
  }

  /** A child shard waits until its parent, when the stream still has it, is read to the end. */
  private ready(state: ShardState): boolean {
    if (this.checkpoint.shards[state.shard.ShardId!]?.finished) return false;
    const parent = state.shard.ParentShardId;
    return !parent || !this.shards.has(parent) || this.checkpoint.shards[parent]?.finished === true;
  }

  async poll(): Promise<void> {
    if (Date.now() - this.lastDescribe > DESCRIBE_EVERY_MS) await this.refreshShards();
    for (const state of this.shards.values()) {
      if (this.isStopped()) return;
      if (!this.ready(state)) continue;
      try {
        await this.pollShard(state);
      } catch (error) {
        if (error instanceof Stopped) return;
        state.iterator = undefined;
        const name = (error as { name?: string }).name ?? '';
        if (name === 'TrimmedDataAccessException') {
          // The position is older than the stream's 24 hours (a long pause): those records are gone.
          this.options.log(`Stream consumer ${this.consumer.name}: records after its checkpoint were trimmed; reading from the oldest left`);
          delete this.position(state.shard.ShardId!).sequenceNumber;
        }
        if (!RESTART_ERRORS.has(name)) throw error;
      }
    }
  }

  private async pollShard(state: ShardState): Promise<void> {
    const shardId = state.shard.ShardId!;
    state.iterator ??= await this.iteratorFor(shardId);
    if (!state.iterator) return;
    const page = await this.streams.send(new GetRecordsCommand({ ShardIterator: state.iterator, Limit: 1000 }));
    if (page.Records?.length) await this.handle(shardId, page.Records);
    state.iterator = page.NextShardIterator;
    if (!page.NextShardIterator) {
      this.position(shardId).finished = true;
      await this.store.save(this.checkpoint);
      this.lastDescribe = 0;
    }
  }

  private async handle(shardId: string, records: StreamRecord[]): Promise<void> {
    const lambdaRecords = records.map((record) => toLambdaRecord(record, this.streamArn, this.options.region));
    const selected = lambdaRecords.filter((record) => this.matches(record));
    const { batchSize } = this.consumer;
    for (let start = 0; start < selected.length; start += batchSize) {
      const batch = selected.slice(start, start + batchSize);
      await deliverBatch(batch, {
        consumer: this.consumer.name,
        settings: this.settings,
        invoke: (records) => this.invoke(records),
        giveUp: (failed, how) =>
          this.onFailure.send(
            streamBatchFailure({ records: failed, shardId, streamArn: this.streamArn, functionArn: functionArnFor(this.options.region, this.functionName), ...how }),
          ),
        checkStopped: () => {
          if (this.isStopped()) throw new Stopped();
        },
        now: this.options.now ?? Date.now,
        log: this.options.log,
      });
      this.position(shardId).sequenceNumber = batch.at(-1)!.dynamodb!.SequenceNumber;
      await this.store.save(this.checkpoint);
    }
    this.position(shardId).sequenceNumber = records.at(-1)!.dynamodb!.SequenceNumber;
    await this.store.save(this.checkpoint);
  }

  /** Runs the consumer like Lambda: a batch that outlives the timeout counts as a failure. */
  private async invoke(records: DynamoDBRecord[]): Promise<unknown> {
    const { handler } = this.consumer;
    const run = typeof handler === 'function' ? handler : await this.options.loadHandler!(handler);
    const timeoutMs = this.options.timeoutMs ?? 30_000;
    const context = lambdaContext({ functionName: this.functionName, region: this.options.region, timeoutMs });
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Task timed out after ${timeoutMs / 1000} seconds`)), timeoutMs);
    });
    try {
      return await Promise.race([run({ Records: records }, context), timedOut]);
    } finally {
      clearTimeout(timer);
    }
  }
}

async function streamArnOf(tableName: string, clientConfig: DynamoDBClientConfig): Promise<string> {
  const dynamodb = new DynamoDBClient(clientConfig);
  try {
    const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName: tableName }));
    if (!Table?.LatestStreamArn) throw new Error(`Table ${tableName} has no stream`);
    return Table.LatestStreamArn;
  } finally {
    dynamodb.destroy();
  }
}

/**
 * Feeds the table's stream to consumers the way Lambda event source mappings do: filters,
 * batches of at most batchSize, immediate retries that hold the shard, bisect and partial batch
 * responses when the consumer declares them, max record age, then a position-only record per
 * failed batch in the on-failure file. Polls every ~250 ms. Returns once every consumer knows where it starts.
 */
export async function startStreamPoller(options: StreamPollerOptions): Promise<StreamPoller> {
  const log = options.log ?? ((message: string, error?: unknown) => console.error(message, error ?? ''));
  const settings = { ...options, log };
  for (const consumer of options.consumers) {
    if (typeof consumer.handler === 'string' && !options.loadHandler) throw new Error(`Consumer ${consumer.name} needs a loadHandler`);
  }
  const clientConfig = {
    endpoint: options.endpoint,
    region: options.region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  };
  const streamArn = await streamArnOf(options.tableName, clientConfig);
  const streams = new DynamoDBStreamsClient(clientConfig);

  let stopped = false;
  const sleepers = new Set<() => void>();
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (stopped) return resolve();
      const wake = () => {
        clearTimeout(timer);
        sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      sleepers.add(wake);
    });

  const mappings = options.consumers.map(
    (consumer) =>
      new Mapping(consumer, streamArn, streams, fileCheckpointStore(options.checkpointDir, consumer.name), settings, () => stopped),
  );
  for (const mapping of mappings) await mapping.init();

  const interval = options.pollIntervalMs ?? 250;
  const loops = mappings.map(async (mapping) => {
    let failing = false;
    while (!stopped) {
      try {
        await mapping.poll();
        failing = false;
      } catch (error) {
        // DynamoDB Local restarting, or a bug: say so once, keep polling.
        if (!failing) log('Stream poller: polling failed; retrying', error);
        failing = true;
      }
      await sleep(interval);
    }
  });

  return {
    stop: async () => {
      stopped = true;
      for (const wake of [...sleepers]) wake();
      await Promise.all(loops);
      streams.destroy();
    },
  };
}
