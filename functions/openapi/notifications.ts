import * as z from 'zod';
import { listQuery } from '../core/fields';

/*
 * Request schemas of the inbox and the SMS delivery-report callback, written from the contract
 * (section 6) while their endpoints are being built; when functions/http/notifications/schemas.ts
 * and functions/http/sms/schemas.ts exist, the operation registry imports those instead.
 */

export const listNotificationsQuery = z.strictObject({ ...listQuery });

const notificationId = z.string().min(1).max(64);

export const markReadBody = z.union([
  z.strictObject({ ids: z.array(notificationId).min(1).max(100).describe('Notifications of the caller to mark read.') }),
  z.strictObject({ all: z.literal(true).describe('Mark the whole inbox read.') }),
]);

/** Africa's Talking posts delivery reports as a form (application/x-www-form-urlencoded). */
export const smsDeliveryReport = z.object({
  id: z.string().min(1).describe("Africa's Talking message id (the outbox's `messageId`)."),
  status: z
    .enum(['Sent', 'Submitted', 'Buffered', 'Rejected', 'Success', 'Failed', 'AbsentSubscriber', 'Expired'])
    .describe('The final or intermediate delivery status.'),
  phoneNumber: z.string().describe('The recipient, E.164.'),
  networkCode: z.string().optional(),
  failureReason: z.string().optional().describe('Set when the status is Rejected or Failed.'),
  retryCount: z.string().optional(),
});
