import { checkCallbackToken, recordDeliveryReport } from '../../notifications/delivery-reports';
import { httpHandler } from '../../platform/http-handler';
import { json } from '../../platform/responses';
import { withFormBody } from './form-body';
import { smsDeliveryReportRoute } from './routes';

/** Always 200 once authenticated and well-formed, known message or not: the provider retries anything else. */
export const handler = withFormBody(
  httpHandler(smsDeliveryReportRoute, async (request) => {
    await checkCallbackToken(request.query.token);
    await recordDeliveryReport(request.body());
    return json(200, { received: true });
  }),
);
