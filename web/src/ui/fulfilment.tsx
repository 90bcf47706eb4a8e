import { useState } from 'preact/hooks';
import { ifMatch, ok } from '../api/client';
import type { Order } from '../api/types';
import { FULFILMENT_STEPS, nextStep, type Step } from '../lib/fulfilment';
import { useSession } from '../session';
import { useAction } from './hooks';
import { ErrorNotice } from './states';

export interface Fulfilment {
  busy: boolean;
  /** Moves the order one step on, with If-Match on the version shown; the list or page reloads either way. */
  move: (order: Order) => void;
  /** The last refusal, with the order it was about (it may have left the list since). */
  refusal: { error: unknown; order: Order; step: Step } | undefined;
}

/** Mark ready / mark delivered; a refusal (409 moved on meanwhile, 412 changed meanwhile) stays shown after the reload. */
export function useFulfilment(onChanged: () => void): Fulfilment {
  const { api } = useSession();
  const action = useAction();
  const [refusal, setRefusal] = useState<Fulfilment['refusal']>();
  const move = (order: Order) => {
    const step = nextStep(order);
    if (!step) return;
    const request = { params: { path: { orderId: order.id } }, headers: ifMatch(order.version), body: {} };
    void action
      .run(async () => {
        setRefusal(undefined);
        try {
          await ok(step === 'ready' ? api.POST('/v1/orders/{orderId}/ready', request) : api.POST('/v1/orders/{orderId}/deliver', request));
        } catch (error) {
          setRefusal({ error, order, step });
          throw error;
        }
      })
      .then(onChanged);
  };
  return { busy: action.busy, move, refusal };
}

/** "Mark ready" or "Mark delivered" for an order at that step; nothing otherwise. */
export function FulfilmentButton({ order, fulfilment, named }: { order: Order; fulfilment: Fulfilment; named?: boolean }) {
  const step = nextStep(order);
  if (!step) return null;
  const { label } = FULFILMENT_STEPS[step];
  return (
    <button type="button" class="approve" disabled={fulfilment.busy} onClick={() => fulfilment.move(order)} aria-label={named ? `${label}: order ${order.reference}` : undefined}>
      {label}
    </button>
  );
}

const REFRESHED = 'Refreshed: the latest state is shown now; check it, then try again if it still needs it.';

/** The refusal in words, naming the order when the list may no longer show it. */
export function FulfilmentRefusal({ fulfilment, named }: { fulfilment: Fulfilment; named?: boolean }) {
  const { refusal } = fulfilment;
  if (!refusal) return null;
  return <ErrorNotice error={refusal.error} context={{ action: FULFILMENT_STEPS[refusal.step].done }} about={named ? `Order ${refusal.order.reference}` : undefined} hint={REFRESHED} />;
}
