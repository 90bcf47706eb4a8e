import { DeleteUserPoolClientCommand, DescribeUserPoolClientCommand, type CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCognitoLocal, type RunningCognito } from '../../lib/local/cognito-emulator';
import { ensureUserPool, localCognitoClient } from '../../lib/local/cognito-pool';
import { ensureConsoleClient } from '../../lib/local/hosted-login';
import { freePort } from '../../lib/local/ports';

/** The console's app client on the real emulator: set up on a first start, its URLs updated on later ones. */
describe('the hosted login of the local stack', () => {
  const workDir = mkdtempSync(join(tmpdir(), 'hosted-login-'));
  let cognito: RunningCognito;
  let client: CognitoIdentityProviderClient;
  let userPoolId: string;

  beforeAll(async () => {
    cognito = await startCognitoLocal({ port: await freePort(), workDir, logFile: join(workDir, 'cognito.log'), lambdaEndpoint: 'http://127.0.0.1:1' });
    client = localCognitoClient(cognito.endpoint);
    ({ userPoolId } = await ensureUserPool(client, {}));
  }, 60_000);

  afterAll(async () => {
    client?.destroy();
    await cognito?.stop();
    rmSync(workDir, { recursive: true, force: true });
  });

  const describeClient = async (clientId: string) =>
    (await client.send(new DescribeUserPoolClientCommand({ UserPoolId: userPoolId, ClientId: clientId }))).UserPoolClient!;

  /** What the emulator's sign-in page says to a console on this gateway. */
  const authorize = (clientId: string, gatewayUrl: string) =>
    fetch(
      `${cognito.endpoint}/oauth2/authorize?${new URLSearchParams({
        client_id: clientId,
        redirect_uri: `${gatewayUrl}/console/callback`,
        response_type: 'code',
        code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
        code_challenge_method: 'S256',
        scope: 'openid',
        state: 's',
      })}`,
    );

  it('creates the web client with the code flow and the console callback on a first start', async () => {
    const clientId = await ensureConsoleClient(client, userPoolId, undefined, 'http://127.0.0.1:3000');
    expect(await describeClient(clientId)).toMatchObject({
      ClientName: 'employee-web',
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: ['openid', 'email', 'profile'],
      CallbackURLs: ['http://127.0.0.1:3000/console/callback'],
      LogoutURLs: ['http://127.0.0.1:3000/console/signed-out'],
    });
    const page = await authorize(clientId, 'http://127.0.0.1:3000');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('name="password"');
  });

  it('on a later start on another port keeps the client and moves its URLs; the old callback is refused', async () => {
    const clientId = await ensureConsoleClient(client, userPoolId, undefined, 'http://127.0.0.1:3000');
    const again = await ensureConsoleClient(client, userPoolId, clientId, 'http://127.0.0.1:4100');
    expect(again).toBe(clientId);
    expect((await describeClient(clientId)).CallbackURLs).toEqual(['http://127.0.0.1:4100/console/callback']);
    expect((await authorize(clientId, 'http://127.0.0.1:4100')).status).toBe(200);
    expect((await authorize(clientId, 'http://127.0.0.1:3000')).status).toBe(400);
  });

  it('creates a new client when the one named in stack.json is gone', async () => {
    const clientId = await ensureConsoleClient(client, userPoolId, undefined, 'http://127.0.0.1:3000');
    await client.send(new DeleteUserPoolClientCommand({ UserPoolId: userPoolId, ClientId: clientId }));
    const replaced = await ensureConsoleClient(client, userPoolId, clientId, 'http://127.0.0.1:3000');
    expect(replaced).not.toBe(clientId);
    expect((await describeClient(replaced)).CallbackURLs).toEqual(['http://127.0.0.1:3000/console/callback']);
  });
});
