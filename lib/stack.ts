import { CfnOutput, Stack, Tags, type StackProps } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { routes as routeTable, type RouteDeclaration } from '../functions/routes';
import { streamConsumers as consumerRegistry, type StreamConsumer } from '../functions/streams/consumers';
import { Api } from './constructs/api';
import { Auth } from './constructs/auth';
import { awsConsoleConfig, Console } from './constructs/console';
import { CONSOLE_DIST } from './console/build';
import { CALLBACK_PATH, SIGNED_OUT_PATH } from '../web/src/config-shape';
import { staffAlertsConsumer } from '../functions/alerts/consumer';
import { Alarms } from './constructs/alarms';
import { ServiceDashboard } from './constructs/dashboard';
import { Monitoring } from './constructs/monitoring';
import { Notifications } from './constructs/notifications';
import { StaffAlerts } from './constructs/staff-alerts';
import { Tables } from './constructs/tables';
import type { DeploymentConfig } from './stage';

export interface ShopStackProps extends StackProps {
  readonly config: DeploymentConfig;
  /** Defaults to the route table of functions/routes.ts. */
  readonly routes?: readonly RouteDeclaration[];
  /** Defaults to the registry of functions/streams/consumers.ts (tests inject their own). */
  readonly streamConsumers?: readonly StreamConsumer[];
  /** The built employee console; defaults to web/dist (tests pass a small fixture). */
  readonly consoleAssetDir?: string;
}

/** The whole order service in one stack: data, identity, the HTTP API, notifications and alarms. */
export class ShopStack extends Stack {
  readonly tables: Tables;
  readonly auth: Auth;
  readonly api: Api;
  readonly notifications: Notifications;
  readonly monitoring: Monitoring;
  readonly console: Console;
  readonly dashboard: ServiceDashboard;
  readonly alarms: Alarms;
  readonly staffAlerts: StaffAlerts;

  constructor(scope: Construct, id: string, props: ShopStackProps) {
    super(scope, id, props);
    const { config } = props;
    const { settings } = config;
    Tags.of(this).add('service', 'beverage-shop-orders');
    Tags.of(this).add('stage', settings.stage);

    this.monitoring = new Monitoring(this, 'Monitoring', { alarmEmail: config.alarmEmail });
    this.tables = new Tables(this, 'Data', { settings });
    this.console = new Console(this, 'Console', {
      settings,
      assetDir: props.consoleAssetDir ?? CONSOLE_DIST,
      customOrigin: config.employeeWebOrigin,
      certificateArn: config.consoleCertificateArn,
    });
    const { origin: consoleOrigin } = this.console;
    this.auth = new Auth(this, 'Auth', {
      settings,
      table: this.tables.table,
      domainPrefix: config.cognitoDomainPrefix,
      webCallbackUrls: config.webCallbackUrls.length ? config.webCallbackUrls : [`${consoleOrigin}${CALLBACK_PATH}`],
      webLogoutUrls: config.webLogoutUrls.length ? config.webLogoutUrls : [`${consoleOrigin}${SIGNED_OUT_PATH}`],
    });
    this.notifications = new Notifications(this, 'Notifications', {
      settings,
      table: this.tables.table,
      consumers: props.streamConsumers ?? consumerRegistry,
      monitoring: this.monitoring,
    });
    this.staffAlerts = new StaffAlerts(this, 'StaffAlerts', {
      settings,
      table: this.tables.table,
      idempotencyTable: this.tables.idempotencyTable,
      consumer: staffAlertsConsumer,
      deadLetterQueue: this.notifications.deadLetterQueue,
      email: config.staffAlertEmail,
    });
    this.api = new Api(this, 'Api', {
      settings,
      routes: props.routes ?? routeTable,
      table: this.tables.table,
      idempotencyTable: this.tables.idempotencyTable,
      userPool: this.auth.userPool,
      mobileClient: this.auth.mobileClient,
      clients: [this.auth.mobileClient, this.auth.webClient],
      hostedLoginUrl: this.auth.domain.baseUrl(),
      africasTalkingSecret: this.notifications.africasTalkingSecret,
      corsOrigin: consoleOrigin,
      monitoring: this.monitoring,
    });
    this.console.deploy(
      awsConsoleConfig({
        apiUrl: this.api.url,
        clientId: this.auth.webClient.userPoolClientId,
        userPoolProviderUrl: this.auth.userPool.userPoolProviderUrl,
        hostedLoginUrl: this.auth.domain.baseUrl(),
      }),
    );

    ({ dashboard: this.dashboard, alarms: this.alarms } = this.observability(settings, props.routes ?? routeTable));

    this.addOutputs();
  }

  /** The dashboard and the alarms over everything above. */
  private observability(settings: DeploymentConfig['settings'], routes: readonly RouteDeclaration[]) {
    const dashboard = new ServiceDashboard(this, 'Dashboard', {
      settings,
      httpApi: this.api.httpApi,
      stage: this.api.stage,
      routes,
      functions: this.serviceFunctions(),
      streamConsumers: this.streamConsumerFunctions(),
      tables: [this.tables.table, this.tables.idempotencyTable],
      deadLetterQueues: [this.notifications.deadLetterQueue, this.notifications.smsDeadLetterQueue],
    });

    const alarms = new Alarms(this, 'Alarms', {
      settings,
      monitoring: this.monitoring,
      stage: this.api.stage,
      functions: this.serviceFunctions(),
      cognitoTrigger: this.auth.postConfirmation.fn,
      tables: [this.tables.table, this.tables.idempotencyTable],
    });
    alarms.deadLetterQueue(this.notifications.smsDeadLetterQueue, 'An SMS that used every attempt', 'sms-dead-letters');
    return { dashboard, alarms };
  }

  /** Read by the ops CLI (lib/ops) and operators: keep the names stable. */
  private addOutputs(): void {
    const outputs: Record<string, { value: string; description: string }> = {
      ApiUrl: { value: this.api.url, description: 'Base URL of the HTTP API (paths start with /v1)' },
      ConsoleUrl: { value: this.console.url, description: 'The employee console (sign-in through the hosted login)' },
      UserPoolId: { value: this.auth.userPool.userPoolId, description: 'Cognito user pool id' },
      UserPoolClientId: { value: this.auth.mobileClient.userPoolClientId, description: 'Public (mobile) app client id: sign-up and sign-in' },
      WebClientId: { value: this.auth.webClient.userPoolClientId, description: 'Employee web app client id (hosted login, code + PKCE)' },
      DocsClientId: { value: this.api.docsClient.userPoolClientId, description: 'App client of the Swagger UI hosted login (/docs)' },
      HostedLoginDomain: { value: this.auth.domain.baseUrl(), description: 'Base URL of the Cognito hosted login' },
      TableName: { value: this.tables.table.tableName, description: 'Service table' },
      IdempotencyTableName: { value: this.tables.idempotencyTable.tableName, description: 'Idempotency records table' },
      DlqUrl: { value: this.notifications.deadLetterQueue.queueUrl, description: 'Dead-letter queue of the stream consumers' },
      SmsDlqUrl: { value: this.notifications.smsDeadLetterQueue.queueUrl, description: 'SMS that used every attempt, for ops replay-sms' },
      AfricasTalkingSecretArn: {
        value: this.notifications.africasTalkingSecret.secretArn,
        description: "Secret to fill with the Africa's Talking credentials",
      },
      AlarmTopicArn: { value: this.monitoring.alarmTopic.topicArn, description: 'SNS topic of every alarm' },
      StaffAlertsTopicArn: { value: this.staffAlerts.topic.topicArn, description: 'SNS topic of the staff alerts (orders to review, drinks running low or out)' },
      DashboardUrl: {
        value: `https://console.aws.amazon.com/cloudwatch/home?region=${this.region}#dashboards/dashboard/${this.dashboard.dashboard.dashboardName}`,
        description: 'The CloudWatch dashboard of the service',
      },
    };
    for (const [name, output] of Object.entries(outputs)) new CfnOutput(this, name, output);
  }

  /** Every function of the service by a readable name: each route's `METHOD /path`, the trigger, each stream consumer. */
  serviceFunctions(): Map<string, IFunction> {
    return new Map<string, IFunction>([
      ...[...this.api.functions].map(([key, service]) => [key, service.fn] as const),
      ['Cognito post-confirmation trigger', this.auth.postConfirmation.fn],
      ['SMS retry sweep', this.notifications.retrySweep.fn],
      ...[...this.streamConsumerFunctions()].map(([name, fn]) => [`Stream consumer ${name}`, fn] as const),
    ]);
  }

  /** The table's stream consumers by name: the notification ones and the staff alerts. */
  streamConsumerFunctions(): Map<string, IFunction> {
    return new Map<string, IFunction>([
      ...[...this.notifications.consumers].map(([name, service]) => [name, service.fn] as const),
      [staffAlertsConsumer.name, this.staffAlerts.consumer.fn],
    ]);
  }
}
