import { useState } from 'preact/hooks';
import { ifMatch, ok } from '../api/client';
import type { InventoryItem } from '../api/types';
import { useSession } from '../session';
import { useAction } from '../ui/hooks';
import { ErrorNotice } from '../ui/states';

interface Props {
  item: InventoryItem;
  onDone: () => void;
  onClose: () => void;
}

/** A stock adjustment: a delivery (+) or a loss (-), with its reason; never below zero. */
export function StockAdjustment({ item, onDone, onClose }: Props) {
  const { api } = useSession();
  const action = useAction();
  const [direction, setDirection] = useState<1 | -1>(1);
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const count = Number(amount);
  const valid = Number.isInteger(count) && count > 0 && reason.trim() !== '';
  const after = item.onHand + direction * count;

  const adjust = (event: Event) => {
    event.preventDefault();
    void action.run(async () => {
      await ok(
        api.POST('/v1/inventory/{itemId}/adjustments', {
          params: { path: { itemId: item.id } },
          body: { delta: direction * count, reason: reason.trim() },
        }),
      );
      onDone();
    });
  };

  return (
    <form class="panel" onSubmit={adjust}>
      <h2>Adjust stock of {item.name}</h2>
      <p>
        {item.onHand} on hand now{!valid ? '.' : after >= 0 ? `; ${after} after this.` : `: that is ${-after} more than there is.`}
      </p>
      <div class="fields">
        <fieldset>
          <legend>Change</legend>
          <label class="check">
            <input type="radio" name="direction" checked={direction === 1} onChange={() => setDirection(1)} /> Add (+)
          </label>
          <label class="check">
            <input type="radio" name="direction" checked={direction === -1} onChange={() => setDirection(-1)} /> Remove (−)
          </label>
        </fieldset>
        <label>
          How many
          <input type="number" min={1} max={1000000} required value={amount} onInput={(event) => setAmount(event.currentTarget.value)} />
        </label>
        <label class="grow">
          Reason (for example "delivery", "broken bottle")
          <input required maxLength={200} value={reason} onInput={(event) => setReason(event.currentTarget.value)} />
        </label>
      </div>
      <div class="buttons">
        <button type="submit" disabled={!valid || action.busy}>
          Save adjustment
        </button>
        <button type="button" class="secondary" onClick={onClose}>
          Close
        </button>
      </div>
      <ErrorNotice error={action.error} context={{ itemName: () => item.name }} />
    </form>
  );
}

/** Archiving asks once more: the drink leaves the menu and every list (orders that hold it keep it). */
export function ArchiveItem({ item, onDone, onClose }: Props) {
  const { api } = useSession();
  const action = useAction();
  const archive = () =>
    void action.run(async () => {
      await ok(api.DELETE('/v1/inventory/{itemId}', { params: { path: { itemId: item.id } }, headers: ifMatch(item.version) }));
      onDone();
    });
  return (
    <section class="panel">
      <h2>Archive {item.name}?</h2>
      <p>It leaves the menu and can no longer be added to orders. Orders that already hold it keep it.</p>
      <div class="buttons">
        <button type="button" class="danger" disabled={action.busy} onClick={archive}>
          Archive {item.name}
        </button>
        <button type="button" class="secondary" onClick={onClose}>
          Keep it
        </button>
      </div>
      <ErrorNotice error={action.error} />
    </section>
  );
}
