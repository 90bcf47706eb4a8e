import {
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  ListGroupsCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCognitoLocal, type RunningCognito } from '../../lib/local/cognito-emulator';
import { ensureUserPool, localCognitoClient } from '../../lib/local/cognito-pool';
import { ensureConsoleClient } from '../../lib/local/hosted-login';
import { freePort } from '../../lib/local/ports';
import { employeeUserAttributes } from '../../lib/ops/create-employee';
import { missingRequiredAttributes, passwordPolicyInput, USER_POOL } from '../../lib/user-pool-definition';

const { tokenValidity } = USER_POOL;

/** The emulator's pool, read back through the Cognito API, is the definition the CDK pool is built from. */
describe('the local user pool', () => {
  const workDir = mkdtempSync(join(tmpdir(), 'user-pool-'));
  let cognito: RunningCognito;
  let client: CognitoIdentityProviderClient;
  let ids: { userPoolId: string; userPoolClientId: string };

  beforeAll(async () => {
    cognito = await startCognitoLocal({ port: await freePort(), workDir, logFile: join(workDir, 'cognito.log'), lambdaEndpoint: 'http://127.0.0.1:1' });
    client = localCognitoClient(cognito.endpoint);
    ids = await ensureUserPool(client, {});
  }, 60_000);

  afterAll(async () => {
    client?.destroy();
    await cognito?.stop();
    rmSync(workDir, { recursive: true, force: true });
  });

  it('has the attributes, required fields and password policy of the definition', async () => {
    const { UserPool } = await client.send(new DescribeUserPoolCommand({ UserPoolId: ids.userPoolId }));
    expect(UserPool!.UsernameAttributes).toEqual(USER_POOL.usernameAttributes);
    expect(UserPool!.AutoVerifiedAttributes).toEqual(USER_POOL.autoVerifiedAttributes);
    const schema = new Map(UserPool!.SchemaAttributes!.map((attribute) => [attribute.Name, attribute]));
    for (const attribute of USER_POOL.attributes) {
      expect(schema.get(attribute.name), attribute.name).toMatchObject({ Required: attribute.required, Mutable: attribute.mutable });
    }
    // Nothing else is required (but `sub`, which Cognito sets): a user with the definition's required attributes is valid on both pools.
    const required = UserPool!.SchemaAttributes!.filter((attribute) => attribute.Required && attribute.Name !== 'sub').map((attribute) => attribute.Name);
    expect(required.sort()).toEqual(USER_POOL.attributes.filter((attribute) => attribute.required).map((attribute) => attribute.name).sort());
    expect(UserPool!.Policies!.PasswordPolicy).toEqual(passwordPolicyInput());
  });

  it('has the groups of the definition, with their precedence', async () => {
    const { Groups } = await client.send(new ListGroupsCommand({ UserPoolId: ids.userPoolId }));
    expect(Groups!.map(({ GroupName, Precedence }) => ({ name: GroupName, precedence: Precedence })).sort((a, b) => a.precedence! - b.precedence!)).toEqual(
      USER_POOL.groups.map(({ name, precedence }) => ({ name, precedence })),
    );
  });

  it('has the clients of the definition: flows, scopes and token lifetimes', async () => {
    const describe = async (clientId: string) =>
      (await client.send(new DescribeUserPoolClientCommand({ UserPoolId: ids.userPoolId, ClientId: clientId }))).UserPoolClient!;
    const lifetimes = {
      AccessTokenValidity: tokenValidity.accessTokenMinutes,
      IdTokenValidity: tokenValidity.idTokenMinutes,
      RefreshTokenValidity: tokenValidity.refreshTokenDays,
    };
    expect(await describe(ids.userPoolClientId)).toMatchObject({
      ClientName: USER_POOL.clients.mobile.name,
      ExplicitAuthFlows: USER_POOL.clients.mobile.explicitAuthFlows,
      ...lifetimes,
    });
    const webClientId = await ensureConsoleClient(client, ids.userPoolId, undefined, 'http://127.0.0.1:3000');
    expect(await describe(webClientId)).toMatchObject({
      ClientName: USER_POOL.clients.web.name,
      ExplicitAuthFlows: USER_POOL.clients.web.explicitAuthFlows,
      AllowedOAuthFlows: USER_POOL.clients.web.oauthFlows,
      AllowedOAuthScopes: USER_POOL.clients.web.oauthScopes,
      ...lifetimes,
    });
  });
});

describe('ops create-employee against the deployed pool', () => {
  it('sends every attribute the pool requires, the phone number included', () => {
    const attributes = employeeUserAttributes({ email: 'grace@example.com', name: 'Grace', password: 'Passw0rdGrace', phoneNumber: '+254711000001' });
    expect(missingRequiredAttributes(attributes)).toEqual([]);
    expect(attributes).toContainEqual({ Name: 'phone_number', Value: '+254711000001' });
  });

  it('refuses a user without a required attribute before calling Cognito', () => {
    expect(missingRequiredAttributes([{ Name: 'email', Value: 'a@b.co' }, { Name: 'name', Value: 'A' }])).toEqual(['phone_number']);
    expect(() => employeeUserAttributes({ email: 'a@b.co', name: 'A', password: 'Passw0rdA', phoneNumber: '' })).toThrow('requires phone_number');
  });
});
