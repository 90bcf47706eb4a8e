import { Duration } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpStage,
  LogGroupLogDestination,
  type HttpRoute,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Alarm, ComparisonOperator, MathExpression, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { OAuthScope, UserPoolClientIdentityProvider, type CfnUserPoolClient, type IUserPool, type IUserPoolClient, type UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Secret, type ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';
import { docsAssetCopies } from '../../functions/http/docs/asset-files';
import { routeKey, type RouteDeclaration } from '../../functions/routes';
import type { StageSettings } from '../stage';
import type { Monitoring } from './monitoring';
import { accessFor } from './route-access';
import { httpFunctionSize, ServiceFunction, type BundledFile } from './service-function';

export interface ApiProps {
  readonly settings: StageSettings;
  readonly routes: readonly RouteDeclaration[];
  readonly table: ITable;
  readonly idempotencyTable: ITable;
  readonly userPool: IUserPool;
  /** The client whose id the API's own sign-up and sign-in use. */
  readonly mobileClient: IUserPoolClient;
  /** The app clients whose access tokens the API accepts, besides the docs client made here. */
  readonly clients: IUserPoolClient[];
  /** Base URL of the Cognito hosted login (the docs pages sign in through it). */
  readonly hostedLoginUrl: string;
  /** Africa's Talking credentials and delivery-report token (routes that need it get its ARN). */
  readonly africasTalkingSecret: ISecret;
  /** The employee web client's origin: the only origin CORS allows. */
  readonly corsOrigin: string;
  readonly monitoring: Monitoring;
}

/** Routes whose callers the gateway itself authenticates; public and optional-auth routes are open. */
export const isProtected = (route: Pick<RouteDeclaration, 'auth'>) => route.auth !== 'public' && route.auth !== 'optional';

/** Handlers that read files at run time, and the files their bundle must carry. */
const bundledFilesOf: Readonly<Record<string, () => readonly BundledFile[]>> = {
  // Swagger UI and Redoc, served by GET /docs/assets/{file} from an assets/ folder beside the bundle.
  'http/docs/asset': docsAssetCopies,
};

/** `http/customers/get` → `HttpCustomersGet`: a stable construct id per handler module. */
const constructId = (handler: string) =>
  handler
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');

/**
 * The HTTP API: one function per route of functions/routes.ts, the Cognito user-pool authorizer
 * on every protected route, per-route least-privilege grants (route-access.ts), default-stage
 * throttling, JSON access logs, CORS for the employee web client only, and a 5xx-rate alarm.
 */
export class Api extends Construct {
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  readonly cursorSecret: Secret;
  readonly docsClient: UserPoolClient;
  /** The function of every route, by `METHOD /path`. */
  readonly functions = new Map<string, ServiceFunction>();
  readonly routes = new Map<string, HttpRoute>();

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    const { settings } = props;

    this.httpApi = new HttpApi(this, 'HttpApi', {
      description: `Beverage shop order service (${settings.stage})`,
      createDefaultStage: false,
      corsPreflight: {
        allowOrigins: [props.corsOrigin],
        allowMethods: [
          CorsHttpMethod.GET,
          CorsHttpMethod.POST,
          CorsHttpMethod.PATCH,
          CorsHttpMethod.PUT,
          CorsHttpMethod.DELETE,
          CorsHttpMethod.OPTIONS,
        ],
        allowHeaders: ['authorization', 'content-type', 'if-match', 'idempotency-key'],
        exposeHeaders: ['etag', 'location'],
        maxAge: Duration.hours(1),
      },
    });

    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: settings.logRetention,
      removalPolicy: settings.removalPolicy,
    });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: settings.throttle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            time: '$context.requestTime',
            ip: '$context.identity.sourceIp',
            userAgent: '$context.identity.userAgent',
            routeKey: '$context.routeKey',
            path: '$context.path',
            status: '$context.status',
            responseLength: '$context.responseLength',
            latencyMs: '$context.responseLatency',
            integrationLatencyMs: '$context.integrationLatency',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
            sub: '$context.authorizer.claims.sub',
          }),
        ),
      },
    });

    // Signs list cursors. Functions get its ARN (CURSOR_SECRET_ARN) and read it at start-up: the
    // value never appears in the function configuration or the template.
    this.cursorSecret = new Secret(this, 'CursorSecret', {
      description: 'HMAC key that signs list cursors (any random string; changing it invalidates outstanding cursors)',
      generateSecretString: { passwordLength: 64, excludePunctuation: true, includeSpace: false },
      removalPolicy: settings.removalPolicy,
    });
    NagSuppressions.addResourceSuppressions(this.cursorSecret, [
      {
        id: 'AwsSolutions-SMG4',
        reason:
          'A signing key held only by our functions, never given out; rotating it would only make outstanding list cursors answer 400. Replace the value by hand if it ever leaks.',
      },
    ]);

    // Swagger UI's Authorize button: the hosted login, code + PKCE, back to the docs' redirect page.
    // The client depends on the API (its URL); the authorizer depends on the client: no cycle.
    this.docsClient = props.userPool.addClient('DocsClient', {
      generateSecret: false,
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: [`${this.stage.url}docs/assets/oauth2-redirect.html`],
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(1),
      preventUserExistenceErrors: true,
    });
    (this.docsClient.node.defaultChild as CfnUserPoolClient).explicitAuthFlows = ['ALLOW_REFRESH_TOKEN_AUTH'];

    const clients = [...props.clients, this.docsClient];
    const authorizer = new HttpUserPoolAuthorizer('CognitoAuthorizer', props.userPool, {
      userPoolClients: clients,
      identitySource: ['$request.header.Authorization'],
    });
    const acceptedClientIds = clients.map((client) => client.userPoolClientId).join(',');

    for (const route of props.routes) {
      const key = routeKey(route);
      const access = accessFor(route);
      const service = new ServiceFunction(this, constructId(route.handler), {
        handler: route.handler,
        description: `${key} (functions/${route.handler})`,
        ...httpFunctionSize,
        invokedBy: 'http-api',
        bundledFiles: bundledFilesOf[route.handler]?.(),
        settings,
        environment: {
          TABLE_NAME: props.table.tableName,
          USER_POOL_ID: props.userPool.userPoolId,
          USER_POOL_CLIENT_ID: props.mobileClient.userPoolClientId,
          ACCEPTED_CLIENT_IDS: acceptedClientIds,
          ...(access.idempotency && { IDEMPOTENCY_TABLE_NAME: props.idempotencyTable.tableName }),
          ...(access.cursorSecret && { CURSOR_SECRET_ARN: this.cursorSecret.secretArn }),
          ...(access.africasTalkingSecret && { AT_SECRET_ARN: props.africasTalkingSecret.secretArn }),
          ...(access.hostedLogin && { HOSTED_LOGIN_URL: props.hostedLoginUrl, HOSTED_LOGIN_CLIENT_ID: this.docsClient.userPoolClientId }),
        },
      });
      const fn = service.fn;
      if (access.table !== 'none') service.grantTable(props.table, access.table);
      if (access.idempotency) service.grantTable(props.idempotencyTable, 'read-write');
      if (access.cognitoActions.length) props.userPool.grant(fn, ...access.cognitoActions);
      if (access.cursorSecret) this.cursorSecret.grantRead(fn);
      if (access.africasTalkingSecret) props.africasTalkingSecret.grantRead(fn);

      const [httpRoute] = this.httpApi.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration: new HttpLambdaIntegration(`${constructId(route.handler)}Integration`, fn),
        ...(isProtected(route) && { authorizer }),
      });
      if (!isProtected(route)) {
        NagSuppressions.addResourceSuppressions(httpRoute!, [
          {
            id: 'AwsSolutions-APIG4',
            reason: `${key} is declared ${route.auth} in functions/routes.ts (the API contract's "anyone" routes); ${
              route.auth === 'optional' ? 'a token, when sent, is verified by the function itself (aws-jwt-verify)' : 'it needs no signed-in caller (a callback token, if any, is checked by the function)'
            }.`,
          },
        ]);
      }
      this.functions.set(key, service);
      this.routes.set(key, httpRoute!);
    }

    props.monitoring.watch(
      new Alarm(this, 'ServerErrorRateAlarm', {
        alarmDescription: 'More than 5% of API requests answered 5xx in 2 of the last 3 five-minute periods',
        metric: new MathExpression({
          expression: 'IF(requests > 0, 100 * errors / requests, 0)',
          usingMetrics: {
            errors: this.httpApi.metricServerError({ statistic: 'Sum', period: Duration.minutes(5) }),
            requests: this.httpApi.metricCount({ statistic: 'Sum', period: Duration.minutes(5) }),
          },
          period: Duration.minutes(5),
          label: '5xx rate (%)',
        }),
        threshold: 5,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 3,
        datapointsToAlarm: 2,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
    );
  }

  get url(): string {
    return this.stage.url;
  }
}
