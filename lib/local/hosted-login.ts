import {
  CreateUserPoolClientCommand,
  DescribeUserPoolClientCommand,
  UpdateUserPoolClientCommand,
  type CognitoIdentityProviderClient,
  type UpdateUserPoolClientCommandInput,
} from '@aws-sdk/client-cognito-identity-provider';
import { clientTokenValidity, USER_POOL } from '../user-pool-definition';
import { CALLBACK_PATH, SIGNED_OUT_PATH } from '../../web/src/config-shape';

/** Where the hosted login may send an employee back to: the console on the local gateway. */
export function consoleClientUrls(gatewayUrl: string) {
  return { callbackUrls: [`${gatewayUrl}${CALLBACK_PATH}`], logoutUrls: [`${gatewayUrl}${SIGNED_OUT_PATH}`] };
}

/**
 * The employee web client as CDK defines it (lib/constructs/auth.ts): no secret, the
 * authorization code flow on the hosted login, refresh tokens. cognito-local's /oauth2/authorize
 * refuses a redirect_uri that is not among the client's CallbackURLs.
 */
function webClientSettings(urls: ReturnType<typeof consoleClientUrls>): Omit<UpdateUserPoolClientCommandInput, 'UserPoolId' | 'ClientId'> {
  const { web } = USER_POOL.clients;
  return {
    ClientName: web.name,
    ExplicitAuthFlows: [...web.explicitAuthFlows],
    AllowedOAuthFlows: [...web.oauthFlows],
    AllowedOAuthFlowsUserPoolClient: true,
    AllowedOAuthScopes: [...web.oauthScopes],
    SupportedIdentityProviders: ['COGNITO'],
    CallbackURLs: urls.callbackUrls,
    LogoutURLs: urls.logoutUrls,
    ...clientTokenValidity(),
  };
}

const isNotFound = (error: unknown) => (error as { name?: string }).name === 'ResourceNotFoundException';

/**
 * Creates the console's app client on the first start; on later starts (the gateway's port may
 * have changed) sets its callback and logout URLs again. Returns its id.
 */
export async function ensureConsoleClient(
  cognito: CognitoIdentityProviderClient,
  userPoolId: string,
  knownClientId: string | undefined,
  gatewayUrl: string,
): Promise<string> {
  const settings = webClientSettings(consoleClientUrls(gatewayUrl));
  if (knownClientId) {
    try {
      await cognito.send(new DescribeUserPoolClientCommand({ UserPoolId: userPoolId, ClientId: knownClientId }));
      await cognito.send(new UpdateUserPoolClientCommand({ UserPoolId: userPoolId, ClientId: knownClientId, ...settings }));
      return knownClientId;
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }
  const { UserPoolClient } = await cognito.send(
    new CreateUserPoolClientCommand({ UserPoolId: userPoolId, ClientName: USER_POOL.clients.web.name, GenerateSecret: false, ...settings }),
  );
  return UserPoolClient!.ClientId!;
}
