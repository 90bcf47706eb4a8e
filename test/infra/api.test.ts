import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { routes, type Route } from '../../functions/routes';
import { isProtected } from '../../lib/constructs/api';
import { stageSettings } from '../../lib/stage';
import { resourcesOf, synthShop } from './synth';

const { template } = synthShop({ context: { employeeWebOrigin: 'https://staff.example.com' } });
const apiRoutes = resourcesOf(template, 'AWS::ApiGatewayV2::Route');
const integrations = resourcesOf(template, 'AWS::ApiGatewayV2::Integration');
const functions = resourcesOf(template, 'AWS::Lambda::Function');
const [authorizerId] = Object.keys(resourcesOf(template, 'AWS::ApiGatewayV2::Authorizer'));
/** The contract's reading, written out here rather than taken from the code under test. */
const gatewayChecked = (route: Route) => ['customer', 'employee', 'any'].includes(route.auth);

function routeResource(key: string) {
  const found = Object.values(apiRoutes).filter((route) => route.Properties!.RouteKey === key);
  expect(found, `one API route ${key}`).toHaveLength(1);
  return found[0]!.Properties!;
}

/** The function behind an API route: route → integration → function. */
function functionOfRoute(key: string): string {
  const target = routeResource(key).Target as { 'Fn::Join': [string, unknown[]] };
  const integrationId = (target['Fn::Join'][1][1] as { Ref: string }).Ref;
  const uri = integrations[integrationId]!.Properties!.IntegrationUri as { 'Fn::GetAtt': [string, string] };
  return uri['Fn::GetAtt'][0];
}

describe('the HTTP API', () => {
  it('serves exactly the routes of functions/routes.ts', () => {
    const keys = Object.values(apiRoutes).map((route) => route.Properties!.RouteKey).sort();
    expect(keys).toEqual(routes.map((route) => `${route.method} ${route.path}`).sort());
  });

  it('has one function per route, bundled from the route handler module', () => {
    const behind = routes.map((route) => functionOfRoute(`${route.method} ${route.path}`));
    expect(new Set(behind).size).toBe(routes.length);
    routes.forEach((route, index) => {
      const fn = functions[behind[index]!]!.Properties!;
      expect(fn.Handler).toBe('index.handler');
      expect(fn.Description).toContain(`functions/${route.handler})`);
    });
  });

  it.each(routes.filter(gatewayChecked).map((route) => [`${route.method} ${route.path}`, route.auth]))(
    'puts the Cognito authorizer on protected route %s (%s)',
    (key) => {
      const route = routeResource(key);
      expect(route.AuthorizationType).toBe('JWT');
      expect(route.AuthorizerId).toEqual({ Ref: authorizerId });
    },
  );

  it.each(routes.filter((route) => !gatewayChecked(route)).map((route) => [`${route.method} ${route.path}`, route.auth]))(
    'leaves %s (%s) without a gateway authorizer',
    (key) => {
      const route = routeResource(key);
      expect(route.AuthorizerId).toBeUndefined();
      expect(route.AuthorizationType ?? 'NONE').toBe('NONE');
    },
  );

  it('classifies the auth modes as the contract does', () => {
    for (const route of routes) expect(isProtected(route), `${route.method} ${route.path}`).toBe(gatewayChecked(route));
  });

  it('authorizes Cognito access tokens of the mobile, employee web and docs clients, passed explicitly', () => {
    const clientIds = Object.keys(resourcesOf(template, 'AWS::Cognito::UserPoolClient'));
    expect(clientIds).toHaveLength(3);
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Audience: Match.arrayEquals(clientIds.map((id) => ({ Ref: id }))),
        Issuer: Match.objectLike({ 'Fn::Join': Match.arrayWith([Match.arrayWith([Match.objectLike({ Ref: Match.stringLikeRegexp('UserPool') })])]) }),
      },
    });
  });

  it('gives the docs a hosted-login client whose only callback is the API’s own Swagger UI redirect page', () => {
    const [docsClientId, docsClient] = Object.entries(resourcesOf(template, 'AWS::Cognito::UserPoolClient')).find(([id]) => id.includes('DocsClient'))!;
    const [apiId] = Object.keys(resourcesOf(template, 'AWS::ApiGatewayV2::Api'));
    expect(docsClient.Properties).toMatchObject({ GenerateSecret: false, AllowedOAuthFlows: ['code'], ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'] });
    const callbacks = JSON.stringify(docsClient.Properties!.CallbackURLs);
    expect(callbacks).toContain(`{"Ref":"${apiId}"}`);
    expect(callbacks).toMatch(/\/docs\/assets\/oauth2-redirect\.html"\]\]\}\]$/);
    for (const key of ['GET /docs', 'GET /redoc', 'GET /v1/openapi.json'].filter((key) => routes.some((route) => `${route.method} ${route.path}` === key))) {
      const env = (functions[functionOfRoute(key)]!.Properties!.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(env.HOSTED_LOGIN_CLIENT_ID, key).toEqual({ Ref: docsClientId });
      expect(JSON.stringify(env.HOSTED_LOGIN_URL), key).toContain('.amazoncognito.com');
    }
  });

  it('allows CORS for the employee web origin of the context only', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      ProtocolType: 'HTTP',
      CorsConfiguration: Match.objectLike({
        AllowOrigins: ['https://staff.example.com'],
        AllowHeaders: Match.arrayWith(['authorization', 'if-match', 'idempotency-key']),
        ExposeHeaders: Match.arrayWith(['etag']),
      }),
    });
  });

  it('throttles the default stage and writes JSON access logs to a log group with retention', () => {
    const { throttle, logRetention } = stageSettings('dev');
    const stage = Object.values(resourcesOf(template, 'AWS::ApiGatewayV2::Stage'));
    expect(stage).toHaveLength(1);
    const props = stage[0]!.Properties!;
    expect(props.StageName).toBe('$default');
    expect(props.AutoDeploy).toBe(true);
    // Plus the per-route metrics the dashboard reads (test/infra/dashboard.test.ts).
    expect(props.DefaultRouteSettings).toEqual({ ThrottlingBurstLimit: throttle.burstLimit, ThrottlingRateLimit: throttle.rateLimit, DetailedMetricsEnabled: true });
    const logs = props.AccessLogSettings as { DestinationArn: { 'Fn::GetAtt': [string, string] }; Format: string };
    expect(JSON.parse(logs.Format)).toMatchObject({ requestId: '$context.requestId', status: '$context.status' });
    const logGroup = resourcesOf(template)[logs.DestinationArn['Fn::GetAtt'][0]]!;
    expect(logGroup.Properties!.RetentionInDays).toBe(logRetention);
  });

  it('alarms on the 5xx rate', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Metrics: Match.arrayWith([
        Match.objectLike({ Expression: Match.stringLikeRegexp('errors / requests') }),
        Match.objectLike({ MetricStat: Match.objectLike({ Metric: Match.objectLike({ MetricName: '5xx', Namespace: 'AWS/ApiGateway' }) }) }),
      ]),
      AlarmActions: [{ Ref: Match.stringLikeRegexp('AlarmTopic') }],
    });
  });

  it('exports the outputs the ops CLI reads', () => {
    const outputs = Object.keys(template.toJSON().Outputs as object);
    expect(outputs).toEqual(
      expect.arrayContaining(['UserPoolId', 'UserPoolClientId', 'WebClientId', 'TableName', 'ApiUrl', 'HostedLoginDomain', 'DlqUrl']),
    );
  });
});
