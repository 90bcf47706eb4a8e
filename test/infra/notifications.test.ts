import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { routes } from '../../functions/routes';
import { streamConsumers } from '../../functions/streams/consumers';
import { stageSettings } from '../../lib/stage';
import { actionsOf, resourcesOf, statementsOfFunction, synthShop, testConsumer } from './synth';

const { template } = synthShop({ streamConsumers: [testConsumer] });
// The notification consumers' mappings (the staff alerts have their own: test/infra/staff-alerts.test.ts).
const mappings = Object.fromEntries(Object.entries(resourcesOf(template, 'AWS::Lambda::EventSourceMapping')).filter(([, mapping]) => !JSON.stringify(mapping.Properties!.FunctionName).includes('StaffAlerts')));
const queueIds = Object.keys(resourcesOf(template, 'AWS::SQS::Queue'));
/** The stream mappings' on-failure queue, and the SMS dead-letter queue of their own. */
const queueId = queueIds.find((id) => id.startsWith('NotificationsDeadLetterQueue'))!;
const smsQueueId = queueIds.find((id) => id.startsWith('NotificationsSmsDeadLetterQueue'))!;
const functionByDescription = (part: string) => Object.entries(resourcesOf(template, 'AWS::Lambda::Function')).find(([, fn]) => String(fn.Properties!.Description).includes(part))!;
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

  it('runs the consumer’s handler with the table and the Africa’s Talking secret by ARN, without the idempotency table', () => {
    const fn = resourcesOf(template)[consumerId]!.Properties!;
    expect(fn.Description).toContain(`functions/${testConsumer.handler}`);
    expect(fn).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'] });
    expect((fn.Environment as { Variables: object }).Variables).toMatchObject({
      TABLE_NAME: { Ref: tableId },
      AT_SECRET_ARN: { Ref: atSecretId },
      SMS_DLQ_URL: { Ref: smsQueueId },
    });
    expect((fn.Environment as { Variables: object }).Variables).not.toHaveProperty('IDEMPOTENCY_TABLE_NAME');
    expect(fn.Timeout).toBeGreaterThanOrEqual(testConsumer.batchSize * 5);
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
    expect(Object.keys(resourcesOf(fromRegistry, 'AWS::Lambda::EventSourceMapping'))).toHaveLength(streamConsumers.length + 1); // + the staff alerts' own
  });

  it('has encrypted, SSL-only dead-letter queues: the stream mappings’ and the SMS’ own (SmsDlqUrl)', () => {
    expect(queueIds).toHaveLength(2);
    for (const id of [queueId, smsQueueId]) {
      expect(resourcesOf(template)[id]!.Properties).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 24 * 3600 });
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: id }],
        PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
      });
    }
    expect((template.toJSON().Outputs as Record<string, { Value: unknown }>).SmsDlqUrl!.Value).toEqual({ Ref: smsQueueId });
  });

  it('runs the SMS retry sweep every minute, with what it needs to send and dead-letter, and no retry of a failed run', () => {
    const [sweepId, sweep] = functionByDescription('SMS retry sweep');
    expect(sweep.Properties!.Handler).toBe('index.handler');
    expect((sweep.Properties!.Environment as { Variables: object }).Variables).toMatchObject({ TABLE_NAME: { Ref: tableId }, AT_SECRET_ARN: { Ref: atSecretId }, SMS_DLQ_URL: { Ref: smsQueueId } });
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(1 minute)',
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [sweepId, 'Arn'] }, RetryPolicy: { MaximumRetryAttempts: 0 } })],
    });
    const actions = actionsOf(statementsOfFunction(template, sweepId));
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:Query', 'dynamodb:UpdateItem', 'secretsmanager:GetSecretValue', 'sqs:SendMessage']));
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

  it('creates the Africa’s Talking secret with empty credentials and a generated callback token', () => {
    const secret = resourcesOf(template)[atSecretId!]!.Properties!;
    expect(secret.SecretString).toBeUndefined();
    const generated = secret.GenerateSecretString as { SecretStringTemplate: string; GenerateStringKey: string };
    expect(JSON.parse(generated.SecretStringTemplate)).toEqual({ username: '', apiKey: '', senderId: '' });
    expect(generated.GenerateStringKey).toBe('callbackSecret');
    expect(Object.keys(template.toJSON().Outputs as object)).toContain('AfricasTalkingSecretArn');
  });

  it('lets only the consumers and the delivery-report callback read that secret', () => {
    const functions = resourcesOf(template, 'AWS::Lambda::Function');
    const readers = Object.keys(functions).filter((id) =>
      statementsOfFunction(template, id).some((statement) => JSON.stringify(statement.Resource) === JSON.stringify({ Ref: atSecretId })),
    );
    const described = readers.map((id) => String(functions[id]!.Properties!.Description));
    const expected = [`functions/${testConsumer.handler}`, 'SMS retry sweep'];
    if (routes.some((route) => route.path === '/v1/sms/delivery-reports')) expected.push('POST /v1/sms/delivery-reports');
    expect(described).toHaveLength(expected.length);
    for (const part of expected) expect(described.some((description) => description.includes(part)), part).toBe(true);
  });
});
