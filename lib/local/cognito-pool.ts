import {
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  ListGroupsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { clientTokenValidity, passwordPolicyInput, USER_POOL } from '../user-pool-definition';


export function localCognitoClient(endpoint: string): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}

const isNotFound = (error: unknown) => (error as { name?: string }).name === 'ResourceNotFoundException';

async function exists(probe: () => Promise<unknown>): Promise<boolean> {
  try {
    await probe();
    return true;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
}

/** The pool of lib/user-pool-definition.ts, as far as cognito-local stores it. */
export const localUserPoolInput = {
  PoolName: 'shop-local',
  UsernameAttributes: [...USER_POOL.usernameAttributes],
  AutoVerifiedAttributes: [...USER_POOL.autoVerifiedAttributes],
  Policies: {
    PasswordPolicy: passwordPolicyInput(),
  },
  Schema: USER_POOL.attributes.map((attribute) => ({
    Name: attribute.name,
    AttributeDataType: 'String' as const,
    Required: attribute.required,
    Mutable: attribute.mutable,
  })),
  AdminCreateUserConfig: { AllowAdminCreateUserOnly: false },
};

async function createUserPool(cognito: CognitoIdentityProviderClient): Promise<string> {
  const { UserPool } = await cognito.send(new CreateUserPoolCommand(localUserPoolInput));
  return UserPool!.Id!;
}

/** The public (mobile) client: no secret, password and refresh-token sign-in. */
async function createAppClient(cognito: CognitoIdentityProviderClient, userPoolId: string): Promise<string> {
  const { mobile } = USER_POOL.clients;
  const { UserPoolClient } = await cognito.send(
    new CreateUserPoolClientCommand({
      UserPoolId: userPoolId,
      ClientName: mobile.name,
      GenerateSecret: false,
      ExplicitAuthFlows: [...mobile.explicitAuthFlows],
      ...clientTokenValidity(),
    }),
  );
  return UserPoolClient!.ClientId!;
}

/** ListGroups, not GetGroup: cognito-local's GetGroup fails with a 500 on a pool without groups. */
async function ensureGroups(cognito: CognitoIdentityProviderClient, userPoolId: string) {
  const { Groups = [] } = await cognito.send(new ListGroupsCommand({ UserPoolId: userPoolId, Limit: 60 }));
  const existing = new Set(Groups.map((group) => group.GroupName));
  for (const group of USER_POOL.groups) {
    if (existing.has(group.name)) continue;
    await cognito.send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: group.name, Precedence: group.precedence, Description: group.description }));
  }
}

export interface UserPoolIds {
  userPoolId: string;
  userPoolClientId: string;
}

/** Reuses the pool and client named in stack.json when the emulator still has them, else creates them. */
export async function ensureUserPool(cognito: CognitoIdentityProviderClient, known: Partial<UserPoolIds>): Promise<UserPoolIds> {
  const poolExists =
    known.userPoolId !== undefined &&
    (await exists(() => cognito.send(new DescribeUserPoolCommand({ UserPoolId: known.userPoolId }))));
  const userPoolId = poolExists ? known.userPoolId! : await createUserPool(cognito);
  const clientExists =
    poolExists &&
    known.userPoolClientId !== undefined &&
    (await exists(() => cognito.send(new DescribeUserPoolClientCommand({ UserPoolId: userPoolId, ClientId: known.userPoolClientId }))));
  const userPoolClientId = clientExists ? known.userPoolClientId! : await createAppClient(cognito, userPoolId);
  await ensureGroups(cognito, userPoolId);
  return { userPoolId, userPoolClientId };
}
