import { describe, expect, it } from 'vitest';
import { tableAccessOf } from '../../functions/route-declaration';
import { routeKey, routes } from '../../functions/routes';
import { accessFor, tableGrantsOf } from '../../lib/constructs/route-access';
import { bundling, esbuildOptions } from '../../lib/constructs/service-function';
import { stageSettings } from '../../lib/stage';
import { actionsOf, resourcesOf, statementsOfFunction, synthShop, testConsumer, type Statement } from './synth';

const { template } = synthShop({ streamConsumers: [testConsumer] });
/**
 * The service's own functions. CDK's bucket-deployment function (it copies the console's files
 * while CloudFormation deploys; its Python runtime and role are CDK's, see lib/constructs/console.ts)
 * is none of them.
 */
const isBucketDeployment = (id: string) => id.startsWith('CustomCDKBucketDeployment');
const functions = Object.fromEntries(Object.entries(resourcesOf(template, 'AWS::Lambda::Function')).filter(([id]) => !isBucketDeployment(id)));
const resources = resourcesOf(template);

const functionOf = (key: string) => {
  const [id] = Object.entries(functions).find(([, fn]) => String(fn.Properties!.Description).startsWith(`${key} (`)) ?? [];
  if (!id) throw new Error(`No function for ${key}`);
  return id;
};
const envOf = (id: string) => (functions[id]!.Properties!.Environment as { Variables: Record<string, unknown> }).Variables;
const tableId = (prefix: 'DataTable' | 'DataIdempotencyTable') =>
  Object.keys(resourcesOf(template, 'AWS::DynamoDB::Table')).find((id) => id.startsWith(prefix))!;
/** Statements whose resources name the given logical id. */
const statementsOn = (statements: Statement[], logicalId: string) =>
  statements.filter((statement) => JSON.stringify(statement.Resource).includes(`"${logicalId}"`));

/** `action resource` of every action and resource the statements pair (however CDK merged them), sorted. */
const grantedPairs = (statements: Statement[]) =>
  statements.flatMap((statement) => [statement.Action].flat().flatMap((action) => [statement.Resource].flat().map((resource) => `${action} ${JSON.stringify(resource)}`))).sort();

const DYNAMODB_WRITES = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:TransactWriteItems',
  'dynamodb:*',
  '*',
];

describe('every function', () => {
  it("leaves out only CDK's one bucket-deployment function", () => {
    expect(Object.keys(resourcesOf(template, 'AWS::Lambda::Function')).filter(isBucketDeployment)).toHaveLength(1);
  });

  it('runs Node.js 22 on arm64 with explicit memory, timeout, tracing and its own log group', () => {
    expect(Object.keys(functions).length).toBe(routes.length + 4); // + post-confirmation + the test consumer + staff alerts + the SMS retry sweep
    for (const [id, fn] of Object.entries(functions)) {
      const props = fn.Properties!;
      expect(props.Runtime, id).toBe('nodejs22.x');
      expect(props.Architectures, id).toEqual(['arm64']);
      expect(props.MemorySize, id).toBeGreaterThanOrEqual(128);
      expect(props.Timeout, id).toBeGreaterThan(0);
      expect(props.TracingConfig, id).toEqual({ Mode: 'Active' });
      const logGroupId = (props.LoggingConfig as { LogGroup: { Ref: string } }).LogGroup.Ref;
      expect(resources[logGroupId]!.Properties!.RetentionInDays, id).toBe(stageSettings('dev').logRetention);
      expect(envOf(id), id).toMatchObject({
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: 'orders',
        POWERTOOLS_LOG_LEVEL: stageSettings('dev').logLevel,
        POWERTOOLS_METRICS_NAMESPACE: 'BeverageShop',
      });
    }
  });

  it('has a role that writes only to its own log group, with no managed policy', () => {
    for (const [id, fn] of Object.entries(functions)) {
      const roleId = (fn.Properties!.Role as { 'Fn::GetAtt': [string] })['Fn::GetAtt'][0];
      expect(resources[roleId]!.Properties!.ManagedPolicyArns, id).toBeUndefined();
      const logGroupId = (fn.Properties!.LoggingConfig as { LogGroup: { Ref: string } }).LogGroup.Ref;
      const logWrites = statementsOfFunction(template, id).filter((statement) => actionsOf([statement]).some((action) => action.startsWith('logs:')));
      expect(logWrites.map((statement) => statement.Resource), id).toEqual([{ 'Fn::GetAtt': [logGroupId, 'Arn'] }]);
    }
  });

  it('is bundled as minified ESM with source maps, a require shim and the AWS SDK inside', () => {
    expect(bundling).toMatchObject({ format: 'esm', minify: true, sourceMap: true, target: 'node22', externalModules: [], bundleAwsSDK: true });
    expect(bundling.mainFields).toEqual(['module', 'main']);
    expect(bundling.banner).toMatch(/createRequire.*import\.meta\.url/);
    expect(bundling.forceDockerBundling).toBe(false);
    expect(esbuildOptions).toMatchObject({ format: 'esm', platform: 'node', target: bundling.target, banner: { js: bundling.banner } });
  });
});

describe('route functions get what their route needs, nothing more', () => {
  const table = tableId('DataTable');
  const idempotencyTable = tableId('DataIdempotencyTable');

  it.each(routes.filter((route) => route.method === 'GET').map((route) => `${route.method} ${route.path}`))('%s cannot write', (key) => {
    const actions = actionsOf(statementsOfFunction(template, functionOf(key)));
    expect(actions.filter((action) => DYNAMODB_WRITES.includes(action))).toEqual([]);
    expect(actions.filter((action) => action.startsWith('cognito-idp:'))).toEqual([]);
  });

  it.each(routes.map((route) => [routeKey(route), route] as const))(
    '%s gets exactly the DynamoDB actions its declaration derives: on the table, Query on the indexes it queries, never the stream',
    (key, route) => {
      const { actions, queriedIndexes } = accessFor(route).table;
      const tableArn = { 'Fn::GetAtt': [table, 'Arn'] };
      const expected = [
        ...actions.map((action) => `dynamodb:${action} ${JSON.stringify(tableArn)}`),
        ...queriedIndexes.map((index) => `dynamodb:Query ${JSON.stringify({ 'Fn::Join': ['', [tableArn, `/index/${index}`]] })}`),
      ];
      const onTable = statementsOn(statementsOfFunction(template, functionOf(key)), table);
      expect(grantedPairs(onTable)).toEqual(expected.sort());
      expect(JSON.stringify(onTable)).not.toContain('StreamArn');
    },
  );

  it('derives from a declaration only the actions it names: a read by key cannot write, a write cannot delete, a query names its index', () => {
    expect(tableGrantsOf({ reads: ['order'] })).toEqual({ actions: ['BatchGetItem', 'GetItem'], queriedIndexes: [] });
    expect(tableGrantsOf({ writes: ['order'] })).toEqual({ actions: ['PutItem', 'UpdateItem'], queriedIndexes: [] });
    expect(tableGrantsOf({ deletes: ['customerSearchEntry'] })).toEqual({ actions: ['DeleteItem'], queriedIndexes: [] });
    expect(tableGrantsOf({ queries: ['order.byState', 'orderEvent.byOrder'] })).toEqual({ actions: ['Query'], queriedIndexes: ['gsi2'] });
  });

  it('grants no Scan and no ConditionCheckItem to a route function, the trigger or the staff alerts (nothing scans; no transaction checks without writing)', () => {
    const narrowed = Object.keys(functions).filter((id) => !id.startsWith('Notifications'));
    expect(narrowed.length).toBe(routes.length + 2);
    for (const id of narrowed) {
      expect(actionsOf(statementsOfFunction(template, id)).filter((action) => /^dynamodb:(Scan|ConditionCheckItem)$/.test(action)), id).toEqual([]);
    }
  });

  it('gives the Powertools idempotency table only the four item actions Powertools uses', () => {
    for (const key of ['POST /v1/auth/register', 'POST /v1/orders']) {
      const arn = JSON.stringify({ 'Fn::GetAtt': [idempotencyTable, 'Arn'] });
      expect(grantedPairs(statementsOn(statementsOfFunction(template, functionOf(key)), idempotencyTable)), key).toEqual(
        ['DeleteItem', 'GetItem', 'PutItem', 'UpdateItem'].map((action) => `dynamodb:${action} ${arn}`),
      );
    }
  });

  it.each(routes.filter((route) => tableAccessOf(route) === 'none').map((route) => `${route.method} ${route.path}`))(
    '%s, which touches no table, gets none',
    (key) => {
      expect(statementsOn(statementsOfFunction(template, functionOf(key)), table)).toEqual([]);
    },
  );

  it('gives the idempotency table only to the idempotent POSTs', () => {
    const idempotent = ['POST /v1/auth/register', 'POST /v1/orders'];
    for (const route of routes) {
      const key = `${route.method} ${route.path}`;
      const id = functionOf(key);
      const granted = statementsOn(statementsOfFunction(template, id), idempotencyTable).length > 0;
      expect(granted, key).toBe(idempotent.includes(key));
      expect('IDEMPOTENCY_TABLE_NAME' in envOf(id), key).toBe(idempotent.includes(key));
    }
  });

  it('gives Cognito admin actions to registration and account deletion only, on the user pool only', () => {
    const [userPool] = Object.keys(resourcesOf(template, 'AWS::Cognito::UserPool'));
    for (const route of routes) {
      const key = `${route.method} ${route.path}`;
      const statements = statementsOfFunction(template, functionOf(key)).filter((statement) =>
        actionsOf([statement]).some((action) => action.startsWith('cognito-idp:')),
      );
      if (key === 'DELETE /v1/me') {
        expect(actionsOf(statements)).toEqual(['cognito-idp:AdminDeleteUser']);
        expect(statements.map((statement) => statement.Resource)).toEqual([{ 'Fn::GetAtt': [userPool, 'Arn'] }]);
        continue;
      }
      if (key !== 'POST /v1/auth/register') {
        expect(statements, key).toEqual([]);
        continue;
      }
      expect(actionsOf(statements).sort()).toEqual([
        'cognito-idp:AdminAddUserToGroup',
        'cognito-idp:AdminCreateUser',
        'cognito-idp:AdminDeleteUser',
        'cognito-idp:AdminGetUser',
        'cognito-idp:AdminSetUserPassword',
      ]);
      expect(statements.map((statement) => statement.Resource)).toEqual([{ 'Fn::GetAtt': [userPool, 'Arn'] }]);
    }
  });

  it('gives the token endpoints and the health check no data access at all', () => {
    for (const key of ['GET /v1/health', 'POST /v1/auth/token', 'POST /v1/auth/refresh']) {
      const actions = actionsOf(statementsOfFunction(template, functionOf(key)));
      expect(actions.filter((action) => !action.startsWith('logs:') && !action.startsWith('xray:')), key).toEqual([]);
    }
  });

  it('passes the cursor secret by ARN (never its value) to the functions that read it', () => {
    const [secret] = Object.keys(resourcesOf(template, 'AWS::SecretsManager::Secret')).filter((id) => id.includes('Cursor'));
    for (const route of routes) {
      const key = `${route.method} ${route.path}`;
      const id = functionOf(key);
      const env = envOf(id);
      expect(env.CURSOR_SECRET, key).toBeUndefined();
      if (!('CURSOR_SECRET_ARN' in env)) continue;
      expect(env.CURSOR_SECRET_ARN, key).toEqual({ Ref: secret });
      expect(actionsOf(statementsOn(statementsOfFunction(template, id), secret!)), key).toContain('secretsmanager:GetSecretValue');
    }
    expect('CURSOR_SECRET_ARN' in envOf(functionOf('GET /v1/customers'))).toBe(true);
  });

  it('gives every route function the Cognito ids the platform code reads', () => {
    const clientIds = Object.keys(resourcesOf(template, 'AWS::Cognito::UserPoolClient'));
    for (const route of routes) {
      const env = envOf(functionOf(`${route.method} ${route.path}`));
      expect(env).toHaveProperty('TABLE_NAME', { Ref: table });
      expect(env).toHaveProperty('USER_POOL_ID');
      expect(clientIds.map((id) => ({ Ref: id }))).toContainEqual(env.USER_POOL_CLIENT_ID);
      expect(JSON.stringify(env.ACCEPTED_CLIENT_IDS)).toContain(clientIds[0]);
      expect(JSON.stringify(env.ACCEPTED_CLIENT_IDS)).toContain(clientIds[1]);
    }
  });

  it('grants no wildcard action and no wildcard resource for data actions anywhere', () => {
    for (const id of Object.keys(functions)) {
      for (const statement of statementsOfFunction(template, id)) {
        const actions = actionsOf([statement]);
        expect(actions.filter((action) => action === '*' || action.endsWith(':*')), id).toEqual([]);
        if (statement.Resource === '*') {
          expect(actions.every((action) => action.startsWith('xray:') || action === 'dynamodb:ListStreams'), `${id}: ${actions}`).toBe(true);
        }
      }
    }
  });
});
