import * as z from 'zod';
import { MAX_ID_LENGTH } from '../../core/ids';

/** The callback URL configured at Africa's Talking carries the shared secret: `...?token=<SMS_CALLBACK_SECRET>`. */
export const deliveryReportQuery = z.object({ token: z.string().optional() });

/**
 * Africa's Talking posts delivery reports as a form (application/x-www-form-urlencoded). The
 * provider's fields, not our contract: unknown fields and statuses are accepted (a 400 would only
 * make the provider retry the same report forever).
 */
export const smsDeliveryReport = z.object({
  id: z.string().min(1).max(MAX_ID_LENGTH * 4).describe("Africa's Talking message id (the delivery's `providerMessageId`)."),
  status: z
    .string()
    .min(1)
    .describe('The final or intermediate delivery status: Success, Failed, Rejected (final), Sent, Submitted, Buffered, …'),
  phoneNumber: z.string().optional().describe('The recipient, E.164.'),
  networkCode: z.string().optional(),
  failureReason: z.string().optional().describe('Set when the status is Rejected or Failed.'),
  retryCount: z.string().optional(),
});

export type SmsDeliveryReport = z.infer<typeof smsDeliveryReport>;
