import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { streamConsumers } from '../../functions/streams/consumers';
import { stageSettings } from '../../lib/stage';
import { actionsOf, resourcesOf, statementsOfFunction, synthShop, testConsumer } from './synth';

const { template } = synthShop({ streamConsumers: [testConsumer] });
const mappings = resourcesOf(template, 'AWS::Lambda::EventSourceMapping');
const [queueId] = Object.keys(resourcesOf(template, 'AWS::SQS::Queue'));
const [tableId] = Object.keys(resourcesOf(template, 'AWS::DynamoDB::Table')).filter((id) => id.startsWith('DataTable'));
const [atSecretId] = Object.keys(resourcesOf(template, 'AWS::SecretsManager::Secret')).filter((id) => id.includes('AfricasTalking'));

describe('a stream consumer of the registry', () => {
  const [mapping] = Object.values(mappings);
  const consumerId = (mapping!.Properties!.FunctionName as { Ref: string }).Ref;

  it('gets an event source mapping on the table stream with the registry’s settings', () => {
    expect(Object.keys(mappings)).toHaveLength(1);
    expect(mapping!.Properties).toMatchObject({
      EventSourceArn: { 'Fn::GetAtt': [tableId, 'StreamArn'] },
      StartingPosition: 'LATEST',
      BatchSize: testConsumer.batchSize,
      MaximumRetryAttempts: testConsumer.maxRetries,
      BisectBatchOnFunctionError: true,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      MaximumRecordAgeInSeconds: stageSettings('dev').maxStreamRecordAge.toSeconds(),
      ParallelizationFactor: 1,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [queueId, 'Arn'] } } },
      FilterCriteria: { Filters: testConsumer.filters.map((filter) => ({ Pattern: JSON.stringify(filter) })) },
    });
  });

  it('runs the consumer’s handler with the table, idempotency table and the Africa’s Talking secret by ARN', () => {
    const fn = resourcesOf(template)[consumerId]!.Properties!;
    expect(fn.Description).toContain(`functions/${testConsumer.handler}`);
    expect(fn).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'] });
    expect((fn.Environment as { Variables: object }).Variables).toMatchObject({
      TABLE_NAME: { Ref: tableId },
      IDEMPOTENCY_TABLE_NAME: { Ref: expect.stringMatching(/^DataIdempotencyTable/) },
      AT_SECRET_ARN: { Ref: atSecretId },
    });
    const actions = actionsOf(statementsOfFunction(template, consumerId));
    expect(actions).toEqual(
      expect.arrayContaining(['dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'secretsmanager:GetSecretValue', 'sqs:SendMessage']),
    );
  });

  it('alarms when the consumer falls behind the stream', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'IteratorAge',
      Namespace: 'AWS/Lambda',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: consumerId } }],
      Statistic: 'Maximum',
    });
  });
});

describe('the notifications plumbing', () => {
  it('creates one event source mapping per consumer of the registry', () => {
    const fromRegistry = synthShop().template;
    expect(Object.keys(resourcesOf(fromRegistry, 'AWS::Lambda::EventSourceMapping'))).toHaveLength(streamConsumers.length);
  });

  it('has an encrypted, SSL-only dead-letter queue', () => {
    template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 24 * 3600 });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: queueId }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('alarms on dead letters and on SMS failures', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Namespace: 'AWS/SQS',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queueId, 'QueueName'] } }],
      Threshold: 1,
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'SmsFailed',
      Namespace: 'BeverageShop',
      Dimensions: [{ Name: 'service', Value: 'orders' }],
      Statistic: 'Sum',
    });
  });

  it('creates an Africa’s Talking secret as a placeholder for the operator', () => {
    const secret = resourcesOf(template)[atSecretId!]!.Properties!;
    expect(JSON.parse(secret.SecretString as string)).toEqual({ username: '', apiKey: '' });
    expect(Object.keys(template.toJSON().Outputs as object)).toContain('AfricasTalkingSecretArn');
  });
});
