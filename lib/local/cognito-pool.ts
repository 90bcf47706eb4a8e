import {
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  ListGroupsCommand,
} from '@aws-sdk/client-cognito-identity-provider';

export const CUSTOMERS_GROUP = 'customers';
export const EMPLOYEES_GROUP = 'employees';

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

/** The user pool the CDK stack creates, as far as cognito-local stores it. */
async function createUserPool(cognito: CognitoIdentityProviderClient): Promise<string> {
  const { UserPool } = await cognito.send(
    new CreateUserPoolCommand({
      PoolName: 'shop-local',
      UsernameAttributes: ['email'],
      AutoVerifiedAttributes: ['email'],
      Policies: {
        PasswordPolicy: {
          MinimumLength: 8,
          RequireUppercase: true,
          RequireLowercase: true,
          RequireNumbers: true,
          RequireSymbols: false,
        },
      },
      Schema: [
        { Name: 'email', AttributeDataType: 'String', Required: true, Mutable: true },
        { Name: 'name', AttributeDataType: 'String', Required: true, Mutable: true },
        { Name: 'phone_number', AttributeDataType: 'String', Required: false, Mutable: true },
        { Name: 'address', AttributeDataType: 'String', Required: false, Mutable: true },
      ],
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: false },
    }),
  );
  return UserPool!.Id!;
}

/** The public (mobile) client: no secret, password and refresh-token sign-in. */
async function createAppClient(cognito: CognitoIdentityProviderClient, userPoolId: string): Promise<string> {
  const { UserPoolClient } = await cognito.send(
    new CreateUserPoolClientCommand({
      UserPoolId: userPoolId,
      ClientName: 'mobile',
      GenerateSecret: false,
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      AccessTokenValidity: 60,
      IdTokenValidity: 60,
      RefreshTokenValidity: 30,
      TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'days' },
      PreventUserExistenceErrors: 'ENABLED',
    }),
  );
  return UserPoolClient!.ClientId!;
}

/** ListGroups, not GetGroup: cognito-local's GetGroup fails with a 500 on a pool without groups. */
async function ensureGroups(cognito: CognitoIdentityProviderClient, userPoolId: string, groups: Record<string, number>) {
  const { Groups = [] } = await cognito.send(new ListGroupsCommand({ UserPoolId: userPoolId, Limit: 60 }));
  const existing = new Set(Groups.map((group) => group.GroupName));
  for (const [name, precedence] of Object.entries(groups)) {
    if (!existing.has(name)) await cognito.send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: name, Precedence: precedence }));
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
  await ensureGroups(cognito, userPoolId, { [EMPLOYEES_GROUP]: 0, [CUSTOMERS_GROUP]: 10 });
  return { userPoolId, userPoolClientId };
}
