import {
  HttpMethod,
  type HttpApi,
  type HttpRoute,
  type HttpStage,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IUserPool, IUserPoolClient, UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { ISecret, Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';
import { docsAssetCopies } from '../../functions/http/docs/asset-files';
import { routeKey, type RouteDeclaration } from '../../functions/routes';
import type { StageSettings } from '../stage';
import { CursorSecret, DocsClient, LoggedDefaultStage, ServerErrorRateAlarm, ServiceHttpApi } from './api-parts';
import type { Monitoring } from './monitoring';
import { accessFor, idempotencyTableGrants, type RouteAccess } from './route-access';
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
    this.httpApi = new ServiceHttpApi(this, props.settings, props.corsOrigin);
    this.stage = new LoggedDefaultStage(this, this.httpApi, props.settings);
    this.cursorSecret = new CursorSecret(this, props.settings);
    this.docsClient = new DocsClient(props.userPool, this.stage.url);

    const clients = [...props.clients, this.docsClient];
    const authorizer = new HttpUserPoolAuthorizer('CognitoAuthorizer', props.userPool, {
      userPoolClients: clients,
      identitySource: ['$request.header.Authorization'],
    });
    const acceptedClientIds = clients.map((client) => client.userPoolClientId).join(',');
    for (const route of props.routes) this.addRoute(route, props, { authorizer, acceptedClientIds });

    props.monitoring.watch(new ServerErrorRateAlarm(this, this.httpApi));
  }

  get url(): string {
    return this.stage.url;
  }

  /** The route's function, with the grants and environment its declaration asks for, behind the gateway. */
  private addRoute(route: RouteDeclaration, props: ApiProps, gateway: { authorizer: HttpUserPoolAuthorizer; acceptedClientIds: string }) {
    const key = routeKey(route);
    const access = accessFor(route);
    const service = new ServiceFunction(this, constructId(route.handler), {
      handler: route.handler,
      description: `${key} (functions/${route.handler})`,
      ...httpFunctionSize,
      invokedBy: 'http-api',
      bundledFiles: bundledFilesOf[route.handler]?.(),
      settings: props.settings,
      environment: this.environmentOf(access, props, gateway.acceptedClientIds),
    });
    this.grant(service, access, props);

    const [httpRoute] = this.httpApi.addRoutes({
      path: route.path,
      methods: [HttpMethod[route.method]],
      integration: new HttpLambdaIntegration(`${constructId(route.handler)}Integration`, service.fn),
      ...(isProtected(route) && { authorizer: gateway.authorizer }),
    });
    if (!isProtected(route)) suppressOpenRoute(httpRoute!, route);
    this.functions.set(key, service);
    this.routes.set(key, httpRoute!);
  }

  private environmentOf(access: RouteAccess, props: ApiProps, acceptedClientIds: string): Record<string, string> {
    return {
      TABLE_NAME: props.table.tableName,
      USER_POOL_ID: props.userPool.userPoolId,
      USER_POOL_CLIENT_ID: props.mobileClient.userPoolClientId,
      ACCEPTED_CLIENT_IDS: acceptedClientIds,
      ...(access.idempotency && { IDEMPOTENCY_TABLE_NAME: props.idempotencyTable.tableName }),
      ...(access.cursorSecret && { CURSOR_SECRET_ARN: this.cursorSecret.secretArn }),
      ...(access.africasTalkingSecret && { AT_SECRET_ARN: props.africasTalkingSecret.secretArn }),
      ...(access.hostedLogin && { HOSTED_LOGIN_URL: props.hostedLoginUrl, HOSTED_LOGIN_CLIENT_ID: this.docsClient.userPoolClientId }),
    };
  }

  private grant(service: ServiceFunction, access: RouteAccess, props: ApiProps): void {
    const { fn } = service;
    service.grantTableActions(props.table, access.table);
    if (access.idempotency) service.grantTableActions(props.idempotencyTable, idempotencyTableGrants);
    if (access.cognitoActions.length) props.userPool.grant(fn, ...access.cognitoActions);
    if (access.cursorSecret) this.cursorSecret.grantRead(fn);
    if (access.africasTalkingSecret) props.africasTalkingSecret.grantRead(fn);
  }
}

function suppressOpenRoute(httpRoute: HttpRoute, route: RouteDeclaration): void {
  NagSuppressions.addResourceSuppressions(httpRoute, [
    {
      id: 'AwsSolutions-APIG4',
      reason: `${routeKey(route)} is declared ${route.auth} in functions/routes.ts (the API contract's "anyone" routes); ${
        route.auth === 'optional' ? 'a token, when sent, is verified by the function itself (aws-jwt-verify)' : 'it needs no signed-in caller (a callback token, if any, is checked by the function)'
      }.`,
    },
  ]);
}
