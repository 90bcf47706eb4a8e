import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';
import type { StreamConsumer } from '../../functions/streams/consumers';
import type { StageSettings } from '../stage';
import type { Monitoring } from './monitoring';
import { METRICS_NAMESPACE, SERVICE_NAME, ServiceFunction } from './service-function';
import { streamEventSource } from './stream-event-source';

export interface NotificationsProps {
  readonly settings: StageSettings;
  readonly table: Table;
  /** The registry of functions/streams/consumers.ts (tests inject their own). */
  readonly consumers: readonly StreamConsumer[];
  readonly monitoring: Monitoring;
}

/** Settings every stream consumer function shares. */
export const consumerDefaults = {
  memorySize: 512,
  /**
   * Records are handled one after another, each with at most one SMS call (SMS_TIMEOUT_MS, 5 s by
   * default) and a few writes: a whole batch must fit.
   */
  timeoutFor: (batchSize: number) => Duration.seconds(Math.min(900, Math.max(30, 15 + batchSize * 6))),
} as const;

/** The sweep attempts at most 50 due deliveries a run, 5 side by side, each call bounded by SMS_TIMEOUT_MS. */
const SWEEP_TIMEOUT = Duration.minutes(2);

const queueProps = { encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true, retentionPeriod: Duration.days(14) } as const;

/** Nothing consumes a dead-letter queue automatically: an operator replays it. */
function suppressDeadLetterFindings(queue: Queue, what: string): void {
  NagSuppressions.addResourceSuppressions(queue, [
    { id: 'AwsSolutions-SQS3', reason: `This queue is a dead-letter queue (${what}); it has no DLQ of its own.` },
    { id: 'Serverless-SQSRedrivePolicy', reason: 'This queue is a dead-letter queue; nothing consumes it automatically, so a redrive policy has nothing to redrive.' },
  ]);
}

const serviceMetric = (metricName: string) =>
  new Metric({ namespace: METRICS_NAMESPACE, metricName, dimensionsMap: { service: SERVICE_NAME }, statistic: 'Sum', period: Duration.minutes(5) });

/**
 * After-commit side effects: a function per stream consumer of the registry, fed by the table's
 * stream (lib/constructs/stream-event-source.ts), the SMS retry sweep on a one-minute schedule,
 * the SMS dead-letter queue, the Africa's Talking credentials, and the alarms on consumer lag,
 * the stream mappings' dead letters, SMS failures and SMS of unknown outcome.
 */
export class Notifications extends Construct {
  /** The stream mappings' on-failure destination: positions of batches that failed for good. */
  readonly deadLetterQueue: Queue;
  /** SMS that used every attempt, with their text, for `ops replay-sms`. */
  readonly smsDeadLetterQueue: Queue;
  readonly africasTalkingSecret: Secret;
  readonly consumers = new Map<string, ServiceFunction>();
  readonly retrySweep: ServiceFunction;

  constructor(scope: Construct, id: string, props: NotificationsProps) {
    super(scope, id);
    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', queueProps);
    suppressDeadLetterFindings(this.deadLetterQueue, "the stream mappings' on-failure destination");
    this.smsDeadLetterQueue = new Queue(this, 'SmsDeadLetterQueue', queueProps);
    suppressDeadLetterFindings(this.smsDeadLetterQueue, 'SMS that used every attempt');
    this.africasTalkingSecret = this.credentialsSecret(props.settings);
    for (const consumer of props.consumers) this.consumers.set(consumer.name, this.addConsumer(props, consumer));
    this.retrySweep = this.addRetrySweep(props);
    this.addAlarms(props.monitoring);
  }

  /**
   * The operator fills in username and apiKey (and senderId, if any) after the first deploy; the
   * stack never holds them. `callbackSecret` is generated here: the token Africa's Talking must
   * send back on delivery reports (`…/v1/sms/delivery-reports?token=<callbackSecret>`).
   * Functions read the secret by ARN (AT_SECRET_ARN).
   */
  private credentialsSecret(settings: StageSettings): Secret {
    const secret = new Secret(this, 'AfricasTalkingSecret', {
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
    NagSuppressions.addResourceSuppressions(secret, [
      {
        id: 'AwsSolutions-SMG4',
        reason: "A third-party API key: it is rotated in the Africa's Talking dashboard and then stored here by the operator; Secrets Manager has no way to rotate it.",
      },
    ]);
    return secret;
  }

  /** A function that sends SMS (a consumer, the sweep): the table, the secret and the SMS dead-letter queue. */
  private smsFunction(props: NotificationsProps, id: string, spec: Pick<ConstructorParameters<typeof ServiceFunction>[2], 'handler' | 'description' | 'timeout' | 'invokedBy'>) {
    const service = new ServiceFunction(this, id, {
      ...spec,
      memorySize: consumerDefaults.memorySize,
      settings: props.settings,
      environment: {
        TABLE_NAME: props.table.tableName,
        AT_SECRET_ARN: this.africasTalkingSecret.secretArn,
        SMS_DLQ_URL: this.smsDeadLetterQueue.queueUrl,
      },
    });
    this.smsDeadLetterQueue.grantSendMessages(service.fn);
    service.grantTable(props.table, 'read-write');
    this.africasTalkingSecret.grantRead(service.fn);
    return service;
  }

  private addConsumer(props: NotificationsProps, consumer: StreamConsumer): ServiceFunction {
    const service = this.smsFunction(props, consumer.name, {
      handler: consumer.handler,
      description: `Stream consumer ${consumer.name} (functions/${consumer.handler})`,
      timeout: consumerDefaults.timeoutFor(consumer.batchSize),
      invokedBy: 'stream',
    });
    service.fn.addEventSource(streamEventSource(props.table, consumer, this.deadLetterQueue, props.settings));
    NagSuppressions.addResourceSuppressions(
      service.role,
      [{ id: 'AwsSolutions-IAM5', reason: 'The stream event source needs dynamodb:ListStreams, which supports no resource-level permissions.', appliesTo: ['Resource::*'] }],
      true,
    );
    props.monitoring.watch(
      new Alarm(this, `${consumer.name}IteratorAgeAlarm`, {
        alarmDescription: `Stream consumer ${consumer.name} is more than 5 minutes behind the table's stream`,
        metric: service.fn.metric('IteratorAge', { statistic: 'Maximum', period: Duration.minutes(1) }),
        threshold: Duration.minutes(5).toMilliseconds(),
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 5,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
    );
    return service;
  }

  /** SmsRetrySweep: every minute, the deliveries whose next attempt is due (functions/notifications/sweep.ts). */
  private addRetrySweep(props: NotificationsProps): ServiceFunction {
    const sweep = this.smsFunction(props, 'SmsRetrySweep', {
      handler: 'notifications/sweep-handler',
      description: 'SMS retry sweep: attempts the deliveries whose next attempt is due (functions/notifications/sweep.ts)',
      timeout: SWEEP_TIMEOUT,
      invokedBy: 'schedule',
    });
    const schedule = new Rule(this, 'SmsRetrySweepSchedule', {
      description: 'Runs the SMS retry sweep every minute',
      schedule: Schedule.rate(Duration.minutes(1)),
      // A failed run is made up by the next one a minute later: no retries of the same run.
      targets: [new LambdaFunction(sweep.fn, { retryAttempts: 0 })],
    });
    NagSuppressions.addResourceSuppressions(schedule, [
      { id: 'Serverless-EventBusDLQ', reason: 'A schedule with an empty event: an undelivered run has nothing to keep, and the next one comes a minute later.' },
    ]);
    return sweep;
  }

  private addAlarms(monitoring: Monitoring): void {
    const common = { threshold: 1, comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, treatMissingData: TreatMissingData.NOT_BREACHING } as const;
    monitoring.watch(
      new Alarm(this, 'DeadLetterAlarm', {
        ...common,
        alarmDescription: 'A stream batch failed for good: its position is in the dead-letter queue',
        metric: this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum', period: Duration.minutes(5) }),
        evaluationPeriods: 1,
      }),
    );
    // Emitted through Powertools Metrics (namespace POWERTOOLS_METRICS_NAMESPACE, dimension service).
    monitoring.watch(
      new Alarm(this, 'SmsFailedAlarm', {
        ...common,
        alarmDescription: 'SMS sends keep failing (in 2 of the last 3 five-minute periods)',
        metric: serviceMetric('SmsFailed'),
        evaluationPeriods: 3,
        datapointsToAlarm: 2,
      }),
    );
    monitoring.watch(
      new Alarm(this, 'SmsUncertainAlarm', {
        ...common,
        alarmDescription: 'An SMS has an unknown outcome (parked as uncertain): an operator decides whether it went out',
        metric: serviceMetric('SmsUncertain'),
        evaluationPeriods: 1,
      }),
    );
  }
}
