import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { FilterCriteria, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';
import type { StreamConsumer } from '../../functions/streams/consumers';
import type { StageSettings } from '../stage';
import type { Monitoring } from './monitoring';
import { METRICS_NAMESPACE, SERVICE_NAME, ServiceFunction } from './service-function';

export interface NotificationsProps {
  readonly settings: StageSettings;
  readonly table: Table;
  /** The registry of functions/streams/consumers.ts (tests inject their own). */
  readonly consumers: readonly StreamConsumer[];
  readonly monitoring: Monitoring;
}

/** Settings every stream consumer shares; the registry gives each its filters, batch size and retries. */
export const consumerDefaults = {
  memorySize: 512,
  /**
   * Records are handled one after another, each with at most one SMS call (SMS_TIMEOUT_MS, 5 s by
   * default) and a few writes: a whole batch must fit.
   */
  timeoutFor: (batchSize: number) => Duration.seconds(Math.min(900, Math.max(30, 15 + batchSize * 6))),
  // A new mapping starts at the newest record: replaying a day of history would resend old SMS.
  startingPosition: StartingPosition.LATEST,
  bisectBatchOnError: true,
  reportBatchItemFailures: true,
  parallelizationFactor: 1,
} as const;

/**
 * After-commit side effects: a function per stream consumer of the registry, fed by the table's
 * stream through an event source mapping (filters, bounded retries, bisect, partial batch
 * responses, max record age, SQS dead-letter queue), the Africa's Talking credentials, and the
 * alarms on consumer lag, dead letters and SMS failures.
 */
export class Notifications extends Construct {
  readonly deadLetterQueue: Queue;
  readonly africasTalkingSecret: Secret;
  readonly consumers = new Map<string, ServiceFunction>();

  constructor(scope: Construct, id: string, props: NotificationsProps) {
    super(scope, id);
    const { settings, monitoring } = props;

    // Receives, for every batch that exhausts its retries or outlives the max record age, the
    // stream position of the failed records (not the records), and from the SMS consumer each
    // message that keeps failing, with its text, for replay.
    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    NagSuppressions.addResourceSuppressions(this.deadLetterQueue, [
      { id: 'AwsSolutions-SQS3', reason: 'This queue is the dead-letter queue (the stream mappings\' on-failure destination); it has no DLQ of its own.' },
      { id: 'Serverless-SQSRedrivePolicy', reason: 'This queue is the dead-letter queue; nothing consumes it automatically, so a redrive policy has nothing to redrive.' },
    ]);

    // The operator fills in username and apiKey (and senderId, if any) after the first deploy; the
    // stack never holds them. `callbackSecret` is generated here: the token Africa's Talking must
    // send back on delivery reports (`…/v1/sms/delivery-reports?token=<callbackSecret>`).
    // Functions read the secret by ARN (AT_SECRET_ARN).
    this.africasTalkingSecret = new Secret(this, 'AfricasTalkingSecret', {
      description:
        "Africa's Talking: JSON {username, apiKey, senderId?, callbackSecret}; set username (\"sandbox\" for the sandbox) and apiKey",
      generateSecretString: {
        secretStringTemplate: JSON.stringify({ username: '', apiKey: '', senderId: '' }),
        generateStringKey: 'callbackSecret',
        passwordLength: 48,
        excludePunctuation: true,
        includeSpace: false,
      },
      removalPolicy: settings.removalPolicy,
    });
    NagSuppressions.addResourceSuppressions(this.africasTalkingSecret, [
      {
        id: 'AwsSolutions-SMG4',
        reason: "A third-party API key: it is rotated in the Africa's Talking dashboard and then stored here by the operator; Secrets Manager has no way to rotate it.",
      },
    ]);

    for (const consumer of props.consumers) {
      const service = new ServiceFunction(this, consumer.name, {
        handler: consumer.handler,
        description: `Stream consumer ${consumer.name} (functions/${consumer.handler})`,
        memorySize: consumerDefaults.memorySize,
        timeout: consumerDefaults.timeoutFor(consumer.batchSize),
        invokedBy: 'stream',
        settings,
        environment: {
          TABLE_NAME: props.table.tableName,
          AT_SECRET_ARN: this.africasTalkingSecret.secretArn,
          // Messages that keep failing go here with their text (tagged, beside the mapping's own letters).
          SMS_DLQ_URL: this.deadLetterQueue.queueUrl,
        },
      });
      this.deadLetterQueue.grantSendMessages(service.fn);
      service.grantTable(props.table, 'read-write');
      this.africasTalkingSecret.grantRead(service.fn);
      service.fn.addEventSource(
        new DynamoEventSource(props.table, {
          startingPosition: consumerDefaults.startingPosition,
          batchSize: consumer.batchSize,
          retryAttempts: consumer.maxRetries,
          maxRecordAge: settings.maxStreamRecordAge,
          bisectBatchOnError: consumerDefaults.bisectBatchOnError,
          reportBatchItemFailures: consumerDefaults.reportBatchItemFailures,
          parallelizationFactor: consumerDefaults.parallelizationFactor,
          filters: consumer.filters.map((pattern) => FilterCriteria.filter(pattern)),
          onFailure: new SqsDlq(this.deadLetterQueue),
        }),
      );
      NagSuppressions.addResourceSuppressions(
        service.role,
        [
          {
            id: 'AwsSolutions-IAM5',
            reason: 'The stream event source needs dynamodb:ListStreams, which supports no resource-level permissions.',
            appliesTo: ['Resource::*'],
          },
        ],
        true,
      );
      monitoring.watch(
        new Alarm(this, `${consumer.name}IteratorAgeAlarm`, {
          alarmDescription: `Stream consumer ${consumer.name} is more than 5 minutes behind the table's stream`,
          metric: service.fn.metric('IteratorAge', { statistic: 'Maximum', period: Duration.minutes(1) }),
          threshold: Duration.minutes(5).toMilliseconds(),
          comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
          evaluationPeriods: 5,
          treatMissingData: TreatMissingData.NOT_BREACHING,
        }),
      );
      this.consumers.set(consumer.name, service);
    }

    monitoring.watch(
      new Alarm(this, 'DeadLetterAlarm', {
        alarmDescription: 'A stream batch failed for good: its position is in the dead-letter queue',
        metric: this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum', period: Duration.minutes(5) }),
        threshold: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
    );

    // Emitted by the SMS consumer through Powertools Metrics (namespace from
    // POWERTOOLS_METRICS_NAMESPACE, default dimension service = POWERTOOLS_SERVICE_NAME).
    monitoring.watch(
      new Alarm(this, 'SmsFailedAlarm', {
        alarmDescription: 'SMS sends keep failing (in 2 of the last 3 five-minute periods)',
        metric: new Metric({
          namespace: METRICS_NAMESPACE,
          metricName: 'SmsFailed',
          dimensionsMap: { service: SERVICE_NAME },
          statistic: 'Sum',
          period: Duration.minutes(5),
        }),
        threshold: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 3,
        datapointsToAlarm: 2,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
    );
  }
}
