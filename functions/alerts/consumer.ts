import type { StreamConsumer } from '../streams/consumers';
import { staffAlertFilters } from './events';

/** The staff-alerts consumer: its own function and event source mapping (lib/constructs/staff-alerts.ts, the local poller). */
export const staffAlertsConsumer: StreamConsumer = {
  name: 'StaffAlerts',
  handler: 'alerts/staff-alerts',
  filters: staffAlertFilters,
  batchSize: 10,
  maxRetries: 5,
  bisectBatchOnError: true,
  reportBatchItemFailures: true,
};
