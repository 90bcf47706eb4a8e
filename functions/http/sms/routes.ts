import type { RouteDeclaration } from '../../route-declaration';
import { deliveryReportQuery, smsDeliveryReport } from './schemas';

export const smsDeliveryReportRoute = {
  method: 'POST',
  path: '/v1/sms/delivery-reports',
  handler: 'http/sms/delivery-report',
  auth: 'public',
  // Africa's Talking's callback checks the shared token kept in that secret.
  data: { queries: ['smsDelivery.byProviderMessageId'], writes: ['smsDelivery'], africasTalkingSecret: true },
  summary: "Africa's Talking delivery report callback",
  description:
    "Called by Africa's Talking with the delivery status of a sent SMS; not for clients. The callback URL configured at the provider carries the shared secret as `token`. Unknown fields and statuses are accepted: a 400 would only make the provider retry the same report.",
  query: deliveryReportQuery,
  body: {
    schema: smsDeliveryReport,
    name: 'SmsDeliveryReport',
    contentType: 'application/x-www-form-urlencoded',
    example: { id: 'ATXid_4a1c9e2b7f', status: 'Success', phoneNumber: '+254722000000', networkCode: '63902', retryCount: '0' },
  },
  success: { status: 200, description: 'The report was recorded (known message or not).', schema: 'DeliveryReportReceived' },
  problems: ['unauthorized'],
  problemNotes: { unauthorized: 'The callback `token` is missing or wrong (or no secret is configured).' },
} as const satisfies RouteDeclaration;

export const smsRoutes = [smsDeliveryReportRoute] as const;
