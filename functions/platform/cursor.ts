import { createHmac, timingSafeEqual } from 'node:crypto';
import { ValidationFailed } from '../core/errors';
import { config } from './config';
import { secrets } from './secrets';

/**
 * Opaque list cursors: the position, signed together with the caller and the filters it came from,
 * so a tampered cursor, or one replayed by another caller or with other filters, is refused (400).
 */
async function loadKey(): Promise<string> {
  const arn = config.cursorSecretArn;
  if (!arn) return config.cursorSecret;
  const key = (await secrets().get(arn, { maxAge: 24 * 60 * 60 })) as string | undefined;
  if (!key) throw new Error('The cursor secret is empty');
  return key;
}

let signingKey: Promise<string> | undefined;

/** Read once per container: from Secrets Manager in AWS, from the environment in the local stack; a failed read is tried again. */
function cursorKey(): Promise<string> {
  signingKey ??= loadKey().catch((error) => {
    signingKey = undefined;
    throw error;
  });
  return signingKey;
}

async function signature(payload: string, binding: string): Promise<Buffer> {
  return createHmac('sha256', await cursorKey()).update(`${binding}\n${payload}`).digest().subarray(0, 16);
}

/** An HMAC of `value` with the same key, for `purpose`: a fingerprint of a secret that nobody without the key can reverse. */
export async function keyedDigest(purpose: string, value: string): Promise<string> {
  return createHmac('sha256', await cursorKey()).update(`${purpose}\n${value}`).digest('base64url');
}

export async function encodeCursor(position: unknown, binding: string): Promise<string> {
  const payload = Buffer.from(JSON.stringify(position)).toString('base64url');
  return `${payload}.${(await signature(payload, binding)).toString('base64url')}`;
}

const badCursor = () =>
  new ValidationFailed('The cursor is not valid for this list.', [{ path: 'query.cursor', message: 'Invalid cursor' }]);

export async function decodeCursor<T>(cursor: string, binding: string): Promise<T> {
  const [payload, mac, extra] = cursor.split('.');
  if (!payload || !mac || extra !== undefined) throw badCursor();
  const expected = await signature(payload, binding);
  const given = Buffer.from(mac, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw badCursor();
  try {
    return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as T;
  } catch {
    throw badCursor();
  }
}
