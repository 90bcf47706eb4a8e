import { ORDER_EVENTS, type OrderEventName } from '../../functions/core/order-states';
import type { ResolveResult } from '../../functions/notifications/resolve';
import { OpsError, type OpsTarget } from './targets';

/** An operator's decision on an SMS of unknown outcome (status `uncertain`). */
export async function resolveSms(target: OpsTarget, options: { orderId: string; event: string; as: 'sent' | 'resend' }): Promise<ResolveResult> {
  if (!ORDER_EVENTS.includes(options.event as OrderEventName)) throw new OpsError(`--event must be one of ${ORDER_EVENTS.join(', ')}.`);
  // functions/ modules read their configuration when imported: the target's environment goes first.
  Object.assign(process.env, target.functionEnvironment);
  const { resolveUncertainSms } = await import('../../functions/notifications/resolve');
  const { configuredAttemptSettings } = await import('../../functions/notifications/configured');
  return resolveUncertainSms(configuredAttemptSettings(), { orderId: options.orderId, state: options.event as OrderEventName, as: options.as });
}
