import { createHmac, timingSafeEqual } from 'node:crypto';
import { ValidationFailed } from '../core/errors';
import { config } from './config';

/**
 * Opaque list cursors: the position, signed together with the caller and the filters it came from,
 * so a tampered cursor, or one replayed by another caller or with other filters, is refused (400).
 */
function signature(payload: string, binding: string): Buffer {
  return createHmac('sha256', config.cursorSecret).update(`${binding}\n${payload}`).digest().subarray(0, 16);
}

export function encodeCursor(position: unknown, binding: string): string {
  const payload = Buffer.from(JSON.stringify(position)).toString('base64url');
  return `${payload}.${signature(payload, binding).toString('base64url')}`;
}

const badCursor = () =>
  new ValidationFailed('The cursor is not valid for this list.', [{ path: 'query.cursor', message: 'Invalid cursor' }]);

export function decodeCursor<T>(cursor: string, binding: string): T {
  const [payload, mac, extra] = cursor.split('.');
  if (!payload || !mac || extra !== undefined) throw badCursor();
  const expected = signature(payload, binding);
  const given = Buffer.from(mac, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw badCursor();
  try {
    return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as T;
  } catch {
    throw badCursor();
  }
}
