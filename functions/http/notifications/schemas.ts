import * as z from 'zod';
import { listQuery } from '../../core/fields';

export const listNotificationsQuery = z.strictObject({ ...listQuery });

const notificationId = z.string().min(1).max(64);

/** Exactly one of `ids` and `all: true`. */
export const markReadBody = z.union([
  z.strictObject({ ids: z.array(notificationId).min(1).max(100).describe('Notifications of the caller to mark read.') }),
  z.strictObject({ all: z.literal(true).describe('Mark the whole inbox read.') }),
]);
