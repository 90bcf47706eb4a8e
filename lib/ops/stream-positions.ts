import { GetRecordsCommand, GetShardIteratorCommand, type DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord } from 'aws-lambda';
import { toLambdaRecord } from '../local/stream-poller/records';
import type { StreamBatchFailure } from '../local/stream-poller/on-failure';

/** What the stream still holds of a failed batch: every record, or those left and why the rest are not. */
export type PositionRead = { complete: true; records: DynamoDBRecord[] } | { complete: false; records: DynamoDBRecord[]; reason: string };

/** The stream's answers when it no longer holds a position: past its 24 hours, or the stream or shard is gone. */
const GONE = new Set(['TrimmedDataAccessException', 'ExpiredIteratorException', 'ResourceNotFoundException']);

/** DynamoDB Streams may answer an empty page before the records that follow it; a few in a row mean the end. */
const EMPTY_PAGES_AT_END = 3;

const sequenceOf = (record: DynamoDBRecord) => record.dynamodb!.SequenceNumber!;

async function goneOr<T>(read: () => Promise<T>): Promise<T | { gone: string }> {
  try {
    return await read();
  } catch (error) {
    const name = (error as { name?: string }).name ?? '';
    if (GONE.has(name)) return { gone: name };
    throw error;
  }
}

function readOf(records: DynamoDBRecord[], info: StreamBatchFailure['DDBStreamBatchInfo'], gone?: string): PositionRead {
  if (!gone && records[0] && sequenceOf(records[0]) === info.startSequenceNumber && sequenceOf(records.at(-1)!) === info.endSequenceNumber) {
    return { complete: true, records };
  }
  return { complete: false, records, reason: gone ?? 'records missing from the stream' };
}

/**
 * Reads a failed batch's records again, from its start to its end sequence number (inclusive),
 * in Lambda's record shape: GetShardIterator AT_SEQUENCE_NUMBER, then GetRecords.
 */
export async function readPositions(streams: DynamoDBStreamsClient, info: StreamBatchFailure['DDBStreamBatchInfo'], region: string): Promise<PositionRead> {
  const start = await goneOr(() =>
    streams.send(
      new GetShardIteratorCommand({ StreamArn: info.streamArn, ShardId: info.shardId, ShardIteratorType: 'AT_SEQUENCE_NUMBER', SequenceNumber: info.startSequenceNumber }),
    ),
  );
  if ('gone' in start) return readOf([], info, start.gone);
  const end = BigInt(info.endSequenceNumber);
  const records: DynamoDBRecord[] = [];
  let iterator = start.ShardIterator;
  let emptyPages = 0;
  while (iterator && emptyPages < EMPTY_PAGES_AT_END) {
    const shardIterator = iterator;
    const page = await goneOr(() => streams.send(new GetRecordsCommand({ ShardIterator: shardIterator, Limit: 1000 })));
    if ('gone' in page) return readOf(records, info, page.gone);
    const batch = page.Records ?? [];
    emptyPages = batch.length ? 0 : emptyPages + 1;
    for (const record of batch) {
      if (BigInt(record.dynamodb!.SequenceNumber!) > end) return readOf(records, info);
      records.push(toLambdaRecord(record, info.streamArn, region));
    }
    iterator = page.NextShardIterator;
  }
  return readOf(records, info);
}
