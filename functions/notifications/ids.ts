import { createHash } from 'node:crypto';
import { encodeTime } from 'ulid';
import type { OrderEventName } from '../core/order-states';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * The inbox message id for one (order, state): a ULID whose time is when the order entered the
 * state and whose 80 "random" bits are a hash of (order, state). The same stream record always
 * yields the same id (so a redelivery finds its message already written), and ids sort by time
 * (so the inbox's sort key gives newest first).
 */
export function notificationId(orderId: string, state: OrderEventName, at: string): string {
  const time = Date.parse(at);
  if (Number.isNaN(time)) throw new Error(`Not a timestamp: ${at}`);
  const digest = createHash('sha256').update(`${orderId}#${state}`).digest();
  let bits = 0n;
  for (const byte of digest.subarray(0, 10)) bits = (bits << 8n) | BigInt(byte);
  let random = '';
  for (let index = 0; index < 16; index++) {
    random = CROCKFORD[Number(bits & 31n)] + random;
    bits >>= 5n;
  }
  return encodeTime(time, 10) + random;
}
