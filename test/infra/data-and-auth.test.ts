import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { CUSTOMERS_GROUP, EMPLOYEES_GROUP } from '../../functions/platform/cognito';
import { idempotencyTableDesign, tableDesign } from '../../functions/data/table-design';
import { passwordPolicyInput, USER_POOL } from '../../lib/user-pool-definition';
import { actionsOf, referencedIds, resourcesOf, statementsOfFunction, synthShop } from './synth';

const dev = synthShop({
  context: {
    employeeWebOrigin: 'https://staff.example.com',
    webCallbackUrls: 'https://staff.example.com/cb,https://staff.example.com/cb2',
    cognitoDomainPrefix: 'shop-test-login',
  },
});
const prod = synthShop({ stage: 'prod', context: { employeeWebOrigin: 'https://shop-admin.example.com' } });

describe('the service table', () => {
  it('is the table of functions/data/table-design.ts: keys, GSIs, stream and TTL', () => {
    const keys = [tableDesign.partitionKey, tableDesign.sortKey, ...tableDesign.globalIndexes.flatMap((index) => [index.partitionKey, index.sortKey])];
    dev.template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: tableDesign.partitionKey, KeyType: 'HASH' },
        { AttributeName: tableDesign.sortKey, KeyType: 'RANGE' },
      ],
      AttributeDefinitions: Match.arrayEquals(keys.map((AttributeName) => ({ AttributeName, AttributeType: 'S' }))),
      GlobalSecondaryIndexes: tableDesign.globalIndexes.map((index) => ({
        IndexName: index.indexName,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
      BillingMode: 'PAY_PER_REQUEST',
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      TimeToLiveSpecification: { AttributeName: tableDesign.timeToLiveAttribute, Enabled: true },
    });
  });

  it('is protected and retained in prod, disposable in dev', () => {
    const streamTable = { StreamSpecification: Match.anyValue() };
    prod.template.hasResource('AWS::DynamoDB::Table', {
      Properties: Match.objectLike({ ...streamTable, DeletionProtectionEnabled: true }),
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
    dev.template.hasResource('AWS::DynamoDB::Table', {
      Properties: Match.objectLike({ ...streamTable, DeletionProtectionEnabled: false }),
      DeletionPolicy: 'Delete',
    });
  });

  it('has an idempotency table with Powertools’ key and TTL attribute', () => {
    dev.template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [{ AttributeName: idempotencyTableDesign.partitionKey, KeyType: 'HASH' }],
      TimeToLiveSpecification: { AttributeName: idempotencyTableDesign.timeToLiveAttribute, Enabled: true },
      BillingMode: 'PAY_PER_REQUEST',
    });
  });
});

describe('the user pool', () => {
  it('signs in by email, case-insensitively, with the contract’s password policy and email-only recovery', () => {
    dev.template.hasResourceProperties('AWS::Cognito::UserPool', {
      UsernameAttributes: ['email'],
      UsernameConfiguration: { CaseSensitive: false },
      AutoVerifiedAttributes: ['email'],
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: false },
      Policies: {
        PasswordPolicy: Match.objectLike({ MinimumLength: 8, RequireUppercase: true, RequireLowercase: true, RequireNumbers: true, RequireSymbols: false }),
      },
      AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] },
      Schema: Match.arrayWith([
        { Name: 'email', Required: true, Mutable: true },
        { Name: 'name', Required: true, Mutable: true },
        { Name: 'phone_number', Required: true, Mutable: true },
      ]),
    });
  });

  it('is the pool of lib/user-pool-definition.ts: attributes, required fields, policy, groups, client flows and lifetimes', () => {
    const { tokenValidity } = USER_POOL;
    dev.template.hasResourceProperties('AWS::Cognito::UserPool', {
      UsernameAttributes: [...USER_POOL.usernameAttributes],
      AutoVerifiedAttributes: [...USER_POOL.autoVerifiedAttributes],
      Schema: Match.arrayEquals(USER_POOL.attributes.map((attribute) => ({ Name: attribute.name, Required: attribute.required, Mutable: attribute.mutable }))),
      Policies: {
        PasswordPolicy: passwordPolicyInput(),
      },
    });
    const groups = Object.values(resourcesOf(dev.template, 'AWS::Cognito::UserPoolGroup')).map((group) => ({
      name: group.Properties!.GroupName,
      precedence: group.Properties!.Precedence,
    }));
    expect(groups.sort((a, b) => Number(a.precedence) - Number(b.precedence))).toEqual(USER_POOL.groups.map(({ name, precedence }) => ({ name, precedence })));
    for (const client of Object.values(USER_POOL.clients)) {
      dev.template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
        ExplicitAuthFlows: [...client.explicitAuthFlows],
        AccessTokenValidity: tokenValidity.accessTokenMinutes,
        IdTokenValidity: tokenValidity.idTokenMinutes,
        RefreshTokenValidity: tokenValidity.refreshTokenDays * 24 * 60,
        EnableTokenRevocation: true,
        ...('oauthFlows' in client && { AllowedOAuthFlows: [...client.oauthFlows], AllowedOAuthScopes: Match.arrayEquals([...client.oauthScopes]) }),
      });
    }
  });

  it('is protected and retained in prod only', () => {
    prod.template.hasResource('AWS::Cognito::UserPool', {
      Properties: Match.objectLike({ DeletionProtection: 'ACTIVE' }),
      DeletionPolicy: 'Retain',
    });
    dev.template.hasResource('AWS::Cognito::UserPool', {
      Properties: Match.objectLike({ DeletionProtection: 'INACTIVE' }),
      DeletionPolicy: 'Delete',
    });
  });

  it('has the groups the API reads roles from', () => {
    const groups = Object.values(resourcesOf(dev.template, 'AWS::Cognito::UserPoolGroup')).map((group) => group.Properties!.GroupName);
    expect(groups.sort()).toEqual([CUSTOMERS_GROUP, EMPLOYEES_GROUP].sort());
  });

  it('has a hosted-login domain with the context prefix', () => {
    dev.template.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: 'shop-test-login' });
    prod.template.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: 'beverage-shop-orders-prod' });
  });

  it('has a public mobile client: no secret, password sign-in and refresh, no OAuth', () => {
    dev.template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      ExplicitAuthFlows: Match.arrayEquals(['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']),
      AllowedOAuthFlowsUserPoolClient: false,
      PreventUserExistenceErrors: 'ENABLED',
    });
  });

  it('has an employee web client: authorization code only, no secret, URLs from the context', () => {
    dev.template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: Match.arrayWith(['openid']),
      CallbackURLs: ['https://staff.example.com/cb', 'https://staff.example.com/cb2'],
      LogoutURLs: ['https://staff.example.com/console/signed-out'],
      ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
      SupportedIdentityProviders: ['COGNITO'],
    });
  });
});

describe('the post-confirmation trigger', () => {
  const resources = resourcesOf(dev.template);
  const [poolId, pool] = Object.entries(resourcesOf(dev.template, 'AWS::Cognito::UserPool'))[0]!;
  const triggerId = (pool.Properties!.LambdaConfig as { PostConfirmation: { 'Fn::GetAtt': [string] } }).PostConfirmation['Fn::GetAtt'][0];

  it('is the post-confirmation handler, able to add users to groups of this pool and to write the table', () => {
    expect(resources[triggerId]!.Properties!.Description).toMatch(/post-confirmation/i);
    const statements = statementsOfFunction(dev.template, triggerId);
    const groupStatement = statements.find((statement) => actionsOf([statement]).includes('cognito-idp:AdminAddUserToGroup'));
    expect(groupStatement?.Resource).toEqual({ 'Fn::GetAtt': [poolId, 'Arn'] });
    expect(actionsOf(statements)).toEqual(expect.arrayContaining(['dynamodb:PutItem', 'dynamodb:GetItem']));
    dev.template.hasResourceProperties('AWS::Lambda::Permission', {
      Principal: 'cognito-idp.amazonaws.com',
      FunctionName: { 'Fn::GetAtt': [triggerId, 'Arn'] },
      SourceArn: { 'Fn::GetAtt': [poolId, 'Arn'] },
    });
  });

  it('leaves the template free of dependency cycles (CloudFormation would refuse it; synth does not check)', () => {
    const dependsOn = new Map<string, string[]>();
    for (const [id, resource] of Object.entries(resources)) {
      const refs = referencedIds(resource.Properties);
      for (const dependency of [resource.DependsOn ?? []].flat()) refs.add(dependency);
      dependsOn.set(id, [...refs].filter((ref) => ref in resources));
    }
    const done = new Set<string>();
    const visiting: string[] = [];
    const visit = (id: string) => {
      if (done.has(id)) return;
      if (visiting.includes(id)) throw new Error(`Cycle: ${[...visiting.slice(visiting.indexOf(id)), id].join(' -> ')}`);
      visiting.push(id);
      for (const dependency of dependsOn.get(id)!) visit(dependency);
      visiting.pop();
      done.add(id);
    };
    expect(() => Object.keys(resources).forEach(visit)).not.toThrow();
    // The trigger and everything it depends on must not need the pool.
    const needs = new Set<string>();
    const collect = (id: string) => dependsOn.get(id)!.forEach((dependency) => !needs.has(dependency) && (needs.add(dependency), collect(dependency)));
    collect(triggerId);
    expect(needs.has(poolId)).toBe(false);
  });
});
