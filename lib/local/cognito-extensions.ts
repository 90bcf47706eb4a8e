/*
 * Loaded into cognito-local's process before it starts (lib/local/cognito-emulator.ts), to close
 * two gaps between the emulator and Cognito that the API's account routes meet:
 *
 * - Codes Cognito would email (a forgotten password's) are only printed in cognito-local's log:
 *   each is also appended to EMAIL_OUTBOX_FILE, one JSON object a line, which the local gateway
 *   serves at GET /_local/email-outbox.
 * - cognito-local has no GlobalSignOut. This one does what Cognito's does to refresh tokens: it
 *   revokes every refresh token of the user (cognito-local's REFRESH_TOKEN_AUTH accepts only the
 *   tokens it keeps on the user). Like cognito-local's own ChangePassword it decodes the access
 *   token rather than verifying it again (the local gateway verified it before the function ran).
 */
import { appendFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { PROJECT_ROOT } from './paths';

const require = createRequire(join(PROJECT_ROOT, 'node_modules', 'cognito-local', 'lib', 'bin', 'start.js'));

interface UserRecord {
  Username: string;
  RefreshTokens?: string[];
}
interface UserPool {
  getUserByUsername(ctx: unknown, username: string): Promise<UserRecord | null>;
  saveUser(ctx: unknown, user: UserRecord): Promise<void>;
}
interface Services {
  cognito: { getUserPoolForClientId(ctx: unknown, clientId: string): Promise<UserPool> };
}
type Target = (services: Services) => (ctx: unknown, request: { AccessToken?: string }) => Promise<object>;

const { Targets } = require('../targets/targets') as { Targets: Record<string, Target> };
const { ConsoleMessageSender } = require('../services/messageDelivery/consoleMessageSender') as {
  ConsoleMessageSender: { prototype: { sendToConsole: (...args: unknown[]) => Promise<void> } };
};
const { NotAuthorizedError } = require('../errors') as { NotAuthorizedError: new (message?: string) => Error };
const jwt = require('jsonwebtoken') as { decode: (token: string) => Record<string, unknown> | null };

const outboxFile = process.env.EMAIL_OUTBOX_FILE;
const sendToConsole = ConsoleMessageSender.prototype.sendToConsole;
ConsoleMessageSender.prototype.sendToConsole = function (this: unknown, ...args: unknown[]) {
  const [, user, destination, message] = args as [unknown, UserRecord, string, { __code?: string; emailSubject?: string }];
  if (outboxFile) {
    const entry = { at: new Date().toISOString(), username: user.Username, to: destination, code: message.__code, subject: message.emailSubject };
    appendFileSync(outboxFile, `${JSON.stringify(entry)}\n`);
  }
  return sendToConsole.apply(this, args);
};

Targets.GlobalSignOut = ({ cognito }) => async (ctx, request) => {
  const token = request.AccessToken ? jwt.decode(request.AccessToken) : null;
  if (typeof token?.client_id !== 'string' || typeof token.username !== 'string') throw new NotAuthorizedError('Invalid Access Token');
  const userPool = await cognito.getUserPoolForClientId(ctx, token.client_id);
  const user = await userPool.getUserByUsername(ctx, token.username);
  if (!user) throw new NotAuthorizedError('User does not exist.');
  await userPool.saveUser(ctx, { ...user, RefreshTokens: [] });
  return {};
};
