import { Duration, Stack } from 'aws-cdk-lib';
import type { CfnStage, IHttpApi, HttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { Dashboard, GraphWidget, Metric, TextWidget, type IMetric, type IWidget } from 'aws-cdk-lib/aws-cloudwatch';
import { Operation, type ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { RouteDeclaration } from '../../functions/route-declaration';
import type { StageSettings } from '../stage';
import { METRICS_NAMESPACE, SERVICE_NAME } from './service-function';

export interface DashboardProps {
  readonly settings: StageSettings;
  readonly httpApi: IHttpApi;
  readonly stage: HttpStage;
  readonly routes: readonly RouteDeclaration[];
  /** Every function of the service, by a readable name (`GET /v1/orders`, `PostConfirmation`, …). */
  readonly functions: ReadonlyMap<string, IFunction>;
  /** The stream consumers among them, by name. */
  readonly streamConsumers: ReadonlyMap<string, IFunction>;
  readonly tables: readonly ITable[];
  readonly deadLetterQueues: readonly IQueue[];
}

const FIVE_MINUTES = Duration.minutes(5);
/** The DynamoDB operations the service calls (ElectroDB: get, put, update, delete, query, transactions, batches). */
export const DYNAMODB_OPERATIONS = [
  Operation.GET_ITEM,
  Operation.PUT_ITEM,
  Operation.UPDATE_ITEM,
  Operation.DELETE_ITEM,
  Operation.QUERY,
  Operation.TRANSACT_WRITE_ITEMS,
  Operation.TRANSACT_GET_ITEMS,
  Operation.BATCH_WRITE_ITEM,
  Operation.BATCH_GET_ITEM,
];

const graph = (title: string, left: IMetric[], right: IMetric[] = [], width = 8) => new GraphWidget({ title, left, right, width, height: 6 });
const heading = (markdown: string) => new TextWidget({ markdown, width: 24, height: 1 });

/** A metric of the functions' own (Powertools Metrics, EMF): namespace and `service` dimension as the stack sets them. */
export const serviceMetric = (metricName: string, statistic = 'Sum', period = FIVE_MINUTES) =>
  new Metric({ namespace: METRICS_NAMESPACE, metricName, dimensionsMap: { service: SERVICE_NAME }, statistic, period });

/**
 * The service on one CloudWatch dashboard, built from plain CDK constructs: per route, per
 * function, the tables, the stream consumers, SMS and the business. The per-route widgets read
 * the HTTP API's detailed (per-route) metrics, which this construct switches on for the stage.
 */
export class ServiceDashboard extends Construct {
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: DashboardProps) {
    super(scope, id);
    // Per-route Count, 4xx, 5xx and Latency: CloudWatch bills them as custom metrics (5 per route).
    (props.stage.node.defaultChild as CfnStage).addPropertyOverride('DefaultRouteSettings.DetailedMetricsEnabled', true);
    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: `${Stack.of(this).stackName}-service`,
      defaultInterval: Duration.hours(6),
    });
    this.dashboard.addWidgets(
      heading(`# Beverage shop orders (${props.settings.stage}) — business and SMS`),
      ...businessWidgets(),
      heading('## API: requests and errors (left), latency p50/p99 (right), per route'),
      ...props.routes.map((route) => routeWidget(props.httpApi, route)),
      heading('## Functions: errors, throttles, concurrency (left), duration p50/p99 (right)'),
      ...[...props.functions].map(([name, fn]) => functionWidget(name, fn)),
      heading('## DynamoDB: capacity, throttles, latency per operation'),
      ...props.tables.flatMap(tableWidgets),
      heading('## Stream consumers: iterator age, failed invocations, dead letters'),
      ...streamWidgets(props.streamConsumers, props.deadLetterQueues),
    );
  }
}

function businessWidgets(): IWidget[] {
  const hourly = (name: string) => serviceMetric(name, 'Sum', Duration.hours(1));
  return [
    graph('Orders per hour: created, approved, rejected', ['OrdersCreated', 'OrdersApproved', 'OrdersRejected'].map(hourly)),
    graph('SMS: sent, failed, rejected, dead-lettered, uncertain', ['SmsSent', 'SmsFailed', 'SmsRejected', 'SmsDeadLettered', 'SmsUncertain'].map((name) => serviceMetric(name))),
    graph("SMS cost per hour (the provider's currency)", [hourly('SmsCost')]),
  ];
}

/** The HTTP API's metrics of one route (detailed metrics: dimensions ApiId, Stage, Resource, Method). */
export function routeMetric(httpApi: IHttpApi, route: Pick<RouteDeclaration, 'method' | 'path'>, metricName: string, statistic: string): Metric {
  return new Metric({
    namespace: 'AWS/ApiGateway',
    metricName,
    dimensionsMap: { ApiId: httpApi.apiId, Stage: '$default', Resource: route.path, Method: route.method },
    statistic,
    period: FIVE_MINUTES,
  });
}

function routeWidget(httpApi: IHttpApi, route: RouteDeclaration): IWidget {
  const metric = (name: string, statistic: string, label: string) => routeMetric(httpApi, route, name, statistic).with({ label });
  return graph(
    `${route.method} ${route.path}`,
    [metric('Count', 'Sum', 'requests'), metric('4xx', 'Sum', '4xx'), metric('5xx', 'Sum', '5xx')],
    [metric('Latency', 'p50', 'p50 ms'), metric('Latency', 'p99', 'p99 ms')],
  );
}

function functionWidget(name: string, fn: IFunction): IWidget {
  return graph(
    `Function: ${name}`,
    [
      fn.metricErrors({ statistic: 'Sum', period: FIVE_MINUTES, label: 'errors' }),
      fn.metricThrottles({ statistic: 'Sum', period: FIVE_MINUTES, label: 'throttles' }),
      fn.metric('ConcurrentExecutions', { statistic: 'Maximum', period: FIVE_MINUTES, label: 'concurrency' }),
    ],
    [
      fn.metricDuration({ statistic: 'p50', period: FIVE_MINUTES, label: 'p50 ms' }),
      fn.metricDuration({ statistic: 'p99', period: FIVE_MINUTES, label: 'p99 ms' }),
    ],
  );
}

function tableWidgets(table: ITable): IWidget[] {
  const name = table.node.path.split('/').slice(1).join('/');
  return [
    graph(`${name}: consumed capacity`, [
      table.metricConsumedReadCapacityUnits({ statistic: 'Sum', period: FIVE_MINUTES, label: 'read units' }),
      table.metricConsumedWriteCapacityUnits({ statistic: 'Sum', period: FIVE_MINUTES, label: 'write units' }),
    ]),
    graph(`${name}: throttled requests`, [
      table.metricThrottledRequestsForOperations({ operations: DYNAMODB_OPERATIONS, period: FIVE_MINUTES, label: 'throttled' }),
    ]),
    graph(
      `${name}: latency p99 per operation`,
      DYNAMODB_OPERATIONS.map((operation) =>
        table.metricSuccessfulRequestLatency({ dimensionsMap: { TableName: table.tableName, Operation: operation }, statistic: 'p99', period: FIVE_MINUTES, label: operation }),
      ),
    ),
  ];
}

function streamWidgets(consumers: ReadonlyMap<string, IFunction>, queues: readonly IQueue[]): IWidget[] {
  const perConsumer = [...consumers].map(([name, fn]) =>
    graph(
      `${name}: iterator age (left), failed invocations (right)`,
      [fn.metric('IteratorAge', { statistic: 'Maximum', period: Duration.minutes(1), label: 'iterator age ms' })],
      [fn.metricErrors({ statistic: 'Sum', period: Duration.minutes(1), label: 'failed batches' })],
    ),
  );
  const deadLetters = graph(
    'Dead-letter queues: letters in (left), waiting (right)',
    queues.map((queue) => queue.metricNumberOfMessagesSent({ statistic: 'Sum', period: FIVE_MINUTES, label: `${queue.node.id} sent` })),
    queues.map((queue) => queue.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum', period: FIVE_MINUTES, label: `${queue.node.id} waiting` })),
  );
  return [...perConsumer, deadLetters];
}
