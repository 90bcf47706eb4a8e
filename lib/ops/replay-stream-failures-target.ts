import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { SQSClient } from '@aws-sdk/client-sqs';
import { JsonLinesQueue } from '../../functions/platform/json-lines-queue';
import { SqsMessageQueue } from '../../functions/platform/sqs-message-queue';
import { drainStreamFailures, type DrainOptions, type DrainReport } from './replay-stream-failures';
import { readPositions } from './stream-positions';
import { OpsError, type OpsTarget } from './targets';

export type StreamFailureReplayOptions = Pick<DrainOptions, 'max' | 'dryRun' | 'replaySmsMessage' | 'report'>;

/** Drains the target's stream on-failure queue: the local stack's file, or the deployed stack's SQS queue. */
export async function replayStreamFailures(target: OpsTarget, options: StreamFailureReplayOptions): Promise<DrainReport> {
  const source = target.streamFailures;
  if (!source) throw new OpsError(`The ${target.description} names no stream on-failure queue (output DlqUrl).`);
  // functions/ modules read their configuration when imported: the target's environment goes first.
  Object.assign(process.env, target.functionEnvironment);
  const { consumerResolver } = await import('./replay-consumers');
  const streams = new DynamoDBStreamsClient(
    target.dynamodbEndpoint
      ? { endpoint: target.dynamodbEndpoint, region: target.region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : { region: target.region },
  );
  const sqs = 'queueUrl' in source ? new SQSClient({ region: target.region }) : undefined;
  try {
    return await drainStreamFailures({
      ...options,
      queue: 'queueUrl' in source ? new SqsMessageQueue(sqs!, source.queueUrl) : new JsonLinesQueue(source.file),
      readPositions: (position) => readPositions(streams, position, target.region),
      consumerFor: consumerResolver(target),
    });
  } finally {
    streams.destroy();
    sqs?.destroy();
  }
}
