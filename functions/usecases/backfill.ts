import { indexEarlierCustomers } from '../data/customer-search';
import { moveEarlierPendingDeliveries, type EarlierDeliveriesReport } from '../data/earlier-sms-deliveries';
import { startFulfilmentOfEarlierApprovals } from '../data/orders';

export interface BackfillReport {
  /** Customers registered before search existed, now searchable. */
  customersIndexed: number;
  /** Orders approved before fulfilment existed, now PREPARING on the boards. */
  ordersGivenFulfilment: number;
  /** SMS deliveries left pending by the code before the claim/sending split. */
  smsDeliveries: EarlierDeliveriesReport;
}

/**
 * Brings data written before v1.1 up to it: search entries for earlier customers, a fulfilment
 * step for earlier approvals, and SMS deliveries left pending by the code before the delivery model
 * of issue 16 handed to the retry sweep (or parked as uncertain). Idempotent; run once after deploying v1.1 (`npm run ops -- backfill`;
 * the local stack runs it on every start of an existing data folder).
 */
export async function backfillV11(): Promise<BackfillReport> {
  return {
    customersIndexed: await indexEarlierCustomers(),
    ordersGivenFulfilment: await startFulfilmentOfEarlierApprovals(),
    smsDeliveries: await moveEarlierPendingDeliveries(new Date()),
  };
}
