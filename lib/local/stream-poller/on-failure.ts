import { randomUUID } from 'node:crypto';
import type { DynamoDBRecord } from 'aws-lambda';

export type FailureCondition = 'RetryAttemptsExhausted' | 'RecordAgeExceeded';

/**
 * What a Lambda event source mapping sends to its on-failure destination for a DynamoDB stream
 * batch it gives up on: the batch's position in the stream, never the records themselves.
 */
export interface StreamBatchFailure {
  requestContext: { requestId: string; functionArn: string; condition: FailureCondition; approximateInvokeCount: number };
  responseContext: { statusCode: number; executedVersion: string; functionError?: string };
  version: '1.0';
  timestamp: string;
  DDBStreamBatchInfo: {
    shardId: string;
    startSequenceNumber: string;
    endSequenceNumber: string;
    approximateArrivalOfFirstRecord: string;
    approximateArrivalOfLastRecord: string;
    batchSize: number;
    streamArn: string;
  };
}

export function isStreamBatchFailure(message: unknown): message is StreamBatchFailure {
  const info = (message as Partial<StreamBatchFailure> | null)?.DDBStreamBatchInfo;
  return (
    typeof info === 'object' &&
    info !== null &&
    [info.shardId, info.startSequenceNumber, info.endSequenceNumber, info.streamArn].every((value) => typeof value === 'string')
  );
}

/** A Lambda record's ApproximateCreationDateTime (epoch seconds) as ISO time. */
const arrivalOf = (record: DynamoDBRecord) => new Date((record.dynamodb?.ApproximateCreationDateTime ?? 0) * 1000).toISOString();

export interface FailedBatch {
  records: DynamoDBRecord[];
  shardId: string;
  streamArn: string;
  functionArn: string;
  condition: FailureCondition;
  invokeCount: number;
  /** Whether the last invocation threw (or timed out), rather than reported its failures. */
  functionError: boolean;
}

export function streamBatchFailure(batch: FailedBatch, now = new Date()): StreamBatchFailure {
  const first = batch.records[0]!;
  const last = batch.records.at(-1)!;
  return {
    requestContext: {
      requestId: randomUUID(),
      functionArn: batch.functionArn,
      condition: batch.condition,
      approximateInvokeCount: batch.invokeCount,
    },
    responseContext: { statusCode: 200, executedVersion: '$LATEST', ...(batch.functionError && { functionError: 'Unhandled' }) },
    version: '1.0',
    timestamp: now.toISOString(),
    DDBStreamBatchInfo: {
      shardId: batch.shardId,
      startSequenceNumber: first.dynamodb!.SequenceNumber!,
      endSequenceNumber: last.dynamodb!.SequenceNumber!,
      approximateArrivalOfFirstRecord: arrivalOf(first),
      approximateArrivalOfLastRecord: arrivalOf(last),
      batchSize: batch.records.length,
      streamArn: batch.streamArn,
    },
  };
}
