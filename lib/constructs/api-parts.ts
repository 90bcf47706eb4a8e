import { Duration } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { CorsHttpMethod, HttpApi, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { Alarm, ComparisonOperator, MathExpression, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { OAuthScope, UserPoolClient, UserPoolClientIdentityProvider, type CfnUserPoolClient, type IUserPool } from 'aws-cdk-lib/aws-cognito';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { NagSuppressions } from 'cdk-nag';
import type { Construct } from 'constructs';
import type { StageSettings } from '../stage';

/*
 * The parts of the Api construct, each a resource of its own kind under the id it always had
 * (so the logical ids of the template do not move).
 */

/** The HTTP API itself, with CORS for the employee web client's origin only. */
export class ServiceHttpApi extends HttpApi {
  constructor(scope: Construct, settings: StageSettings, corsOrigin: string) {
    super(scope, 'HttpApi', {
      description: `Beverage shop order service (${settings.stage})`,
      createDefaultStage: false,
      corsPreflight: {
        allowOrigins: [corsOrigin],
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
  }
}

const ACCESS_LOG_FIELDS = {
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
};

/** The `$default` stage: default throttling and JSON access logs in a log group of its own. */
export class LoggedDefaultStage extends HttpStage {
  constructor(scope: Construct, httpApi: HttpApi, settings: StageSettings) {
    const accessLogs = new LogGroup(scope, 'AccessLogs', {
      retention: settings.logRetention,
      removalPolicy: settings.removalPolicy,
    });
    super(scope, 'DefaultStage', {
      httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: settings.throttle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
    });
  }
}

/**
 * Signs list cursors. Functions get its ARN (CURSOR_SECRET_ARN) and read it at start-up: the
 * value never appears in the function configuration or the template.
 */
export class CursorSecret extends Secret {
  constructor(scope: Construct, settings: StageSettings) {
    super(scope, 'CursorSecret', {
      description: 'HMAC key that signs list cursors (any random string; changing it invalidates outstanding cursors)',
      generateSecretString: { passwordLength: 64, excludePunctuation: true, includeSpace: false },
      removalPolicy: settings.removalPolicy,
    });
    NagSuppressions.addResourceSuppressions(this, [
      {
        id: 'AwsSolutions-SMG4',
        reason:
          'A signing key held only by our functions, never given out; rotating it would only make outstanding list cursors answer 400. Replace the value by hand if it ever leaks.',
      },
    ]);
  }
}

/**
 * Swagger UI's Authorize button: the hosted login, code + PKCE, back to the docs' redirect page.
 * The client depends on the API (its URL); the authorizer depends on the client: no cycle.
 * It belongs to the user pool (as `userPool.addClient` would make it).
 */
export class DocsClient extends UserPoolClient {
  constructor(userPool: IUserPool, stageUrl: string) {
    super(userPool, 'DocsClient', {
      userPool,
      generateSecret: false,
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: [`${stageUrl}docs/assets/oauth2-redirect.html`],
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(1),
      preventUserExistenceErrors: true,
    });
    (this.node.defaultChild as CfnUserPoolClient).explicitAuthFlows = ['ALLOW_REFRESH_TOKEN_AUTH'];
  }
}

const FIVE_MINUTES = Duration.minutes(5);

/** More than 5% of requests answered 5xx in 2 of the last 3 five-minute periods. */
export class ServerErrorRateAlarm extends Alarm {
  constructor(scope: Construct, httpApi: HttpApi) {
    super(scope, 'ServerErrorRateAlarm', {
      alarmDescription: 'More than 5% of API requests answered 5xx in 2 of the last 3 five-minute periods',
      metric: new MathExpression({
        expression: 'IF(requests > 0, 100 * errors / requests, 0)',
        usingMetrics: {
          errors: httpApi.metricServerError({ statistic: 'Sum', period: FIVE_MINUTES }),
          requests: httpApi.metricCount({ statistic: 'Sum', period: FIVE_MINUTES }),
        },
        period: FIVE_MINUTES,
        label: '5xx rate (%)',
      }),
      threshold: 5,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 3,
      datapointsToAlarm: 2,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  }
}
