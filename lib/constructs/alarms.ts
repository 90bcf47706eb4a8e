import { Duration } from 'aws-cdk-lib';
import type { HttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { Alarm, ComparisonOperator, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { StageSettings } from '../stage';
import { DYNAMODB_OPERATIONS } from './dashboard';
import type { Monitoring } from './monitoring';
import { runbookLink, type RunbookSection } from './runbook';

export interface AlarmsProps {
  readonly settings: StageSettings;
  readonly monitoring: Monitoring;
  readonly stage: HttpStage;
  /** Every function of the service by a readable name (ShopStack.serviceFunctions). */
  readonly functions: ReadonlyMap<string, IFunction>;
  /** The Cognito trigger: its errors are sign-ups that fail, with a runbook section of their own. */
  readonly cognitoTrigger: IFunction;
  readonly tables: readonly ITable[];
}

const FIVE_MINUTES = Duration.minutes(5);

interface AlarmSpec {
  metric: IMetric;
  meaning: string;
  runbook: RunbookSection;
  threshold: number;
  evaluationPeriods?: number;
  datapointsToAlarm?: number;
}

/**
 * The service's alarms beyond the hand-written ones of the API and the notifications: per
 * function errors and throttles, DynamoDB throttles, the API's p99 latency against the stage's
 * threshold, and any dead-letter queue given to `deadLetterQueue`. Each names what it means and
 * its section of docs/runbook.md, and goes to the alarm topic.
 */
export class Alarms extends Construct {
  private readonly monitoring: Monitoring;

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    this.monitoring = props.monitoring;
    for (const [name, fn] of props.functions) {
      const isTrigger = fn === props.cognitoTrigger;
      this.add(`${fn.node.scope?.node.id ?? fn.node.id}Errors`, {
        metric: fn.metricErrors({ statistic: 'Sum', period: FIVE_MINUTES }),
        meaning: isTrigger ? 'The Cognito post-confirmation trigger failed: confirmed sign-ups get no customer group or profile' : `${name} failed with an unhandled error`,
        runbook: isTrigger ? 'cognito-trigger-errors' : 'function-errors',
        threshold: 1,
      });
      this.add(`${fn.node.scope?.node.id ?? fn.node.id}Throttles`, {
        metric: fn.metricThrottles({ statistic: 'Sum', period: FIVE_MINUTES }),
        meaning: `${name} was throttled (concurrency limit reached): callers got 429/5xx or the stream fell behind`,
        runbook: 'function-throttles',
        threshold: 1,
      });
    }
    for (const table of props.tables) {
      this.add(`${table.node.id}Throttles`, {
        metric: table.metricThrottledRequestsForOperations({ operations: DYNAMODB_OPERATIONS, period: FIVE_MINUTES }),
        meaning: `DynamoDB throttled requests on ${table.node.path}`,
        runbook: 'dynamodb-throttles',
        threshold: 1,
      });
    }
    const p99 = props.settings.apiLatencyP99Ms;
    this.add('ApiLatencyP99', {
      metric: props.stage.metricLatency({ statistic: 'p99', period: FIVE_MINUTES }),
      meaning: `The API's p99 latency is above ${p99} ms (the ${props.settings.stage} threshold, lib/stage.ts) in 3 of the last 3 five-minute periods`,
      runbook: 'api-latency-p99',
      threshold: p99,
      evaluationPeriods: 3,
      datapointsToAlarm: 3,
    });
  }

  /** One alarm on a dead-letter queue: any letter waiting in it. Adding a queue is this one call. */
  deadLetterQueue(queue: IQueue, what: string, runbook: RunbookSection): Alarm {
    return this.add(`${queue.node.id}Waiting`, {
      metric: queue.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum', period: FIVE_MINUTES }),
      meaning: `${what} is in the dead-letter queue ${queue.node.path}`,
      runbook,
      threshold: 1,
    });
  }

  private add(id: string, spec: AlarmSpec): Alarm {
    return this.monitoring.watch(
      new Alarm(this, id, {
        alarmDescription: `${spec.meaning}. ${runbookLink(spec.runbook)}`,
        metric: spec.metric,
        threshold: spec.threshold,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: spec.evaluationPeriods ?? 1,
        datapointsToAlarm: spec.datapointsToAlarm,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
    );
  }
}
