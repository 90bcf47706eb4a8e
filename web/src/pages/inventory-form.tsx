import { useState } from 'preact/hooks';
import { ifMatch, ok } from '../api/client';
import { INVENTORY_TYPES, type InventoryItem, type InventoryType } from '../api/types';
import { parsePriceInput } from '../lib/money';
import { useSession } from '../session';
import { typeLabel } from '../ui/badges';
import { useAction } from '../ui/hooks';
import { ErrorNotice } from '../ui/states';

interface Props {
  /** The drink to edit; none to create one. */
  item?: InventoryItem;
  onDone: () => void;
  onClose: () => void;
}

/** Creates a drink, or edits one (If-Match on the version shown). Stock changes only through adjustments. */
export function ItemForm({ item, onDone, onClose }: Props) {
  const { api } = useSession();
  const action = useAction();
  const [name, setName] = useState(item?.name ?? '');
  const [type, setType] = useState<InventoryType>(item?.type ?? 'COFFEE');
  const [price, setPrice] = useState(item?.price ?? '');
  const [warnLimit, setWarnLimit] = useState(String(item?.warnLimit ?? 3));
  const [onHand, setOnHand] = useState('0');
  const [caffeinated, setCaffeinated] = useState(item?.caffeinated ?? false);
  const [flavored, setFlavored] = useState(item?.flavored ?? false);
  const parsedPrice = parsePriceInput(price);

  const save = (event: Event) => {
    event.preventDefault();
    const fields = { name: name.trim(), type, price: parsedPrice!, warnLimit: Number(warnLimit), caffeinated, flavored };
    void action.run(async () => {
      if (item) {
        await ok(api.PATCH('/v1/inventory/{itemId}', { params: { path: { itemId: item.id } }, headers: ifMatch(item.version), body: fields }));
      } else {
        await ok(api.POST('/v1/inventory', { body: { ...fields, onHand: Number(onHand) } }));
      }
      onDone();
    });
  };

  return (
    <form class="panel" onSubmit={save}>
      <h2>{item ? `Edit ${item.name}` : 'New drink'}</h2>
      <div class="fields">
        <label>
          Name
          <input required maxLength={150} value={name} onInput={(event) => setName(event.currentTarget.value)} />
        </label>
        <label>
          Type
          <select value={type} onChange={(event) => setType(event.currentTarget.value as InventoryType)}>
            {INVENTORY_TYPES.map((value) => (
              <option value={value}>{typeLabel(value)}</option>
            ))}
          </select>
        </label>
        <label>
          Price
          <input required inputMode="decimal" class="price" aria-invalid={price !== '' && !parsedPrice} value={price} onInput={(event) => setPrice(event.currentTarget.value)} />
        </label>
        <label>
          Warn when at most
          <input type="number" min={0} max={1000000} required value={warnLimit} onInput={(event) => setWarnLimit(event.currentTarget.value)} />
        </label>
        {!item && (
          <label>
            On hand now
            <input type="number" min={0} max={1000000} required value={onHand} onInput={(event) => setOnHand(event.currentTarget.value)} />
          </label>
        )}
        <label class="check">
          <input type="checkbox" checked={caffeinated} onChange={(event) => setCaffeinated(event.currentTarget.checked)} /> Caffeinated
        </label>
        <label class="check">
          <input type="checkbox" checked={flavored} onChange={(event) => setFlavored(event.currentTarget.checked)} /> Flavored
        </label>
      </div>
      <div class="buttons">
        <button type="submit" disabled={action.busy || !parsedPrice || name.trim() === ''}>
          {item ? 'Save drink' : 'Create drink'}
        </button>
        <button type="button" class="secondary" onClick={onClose}>
          Close
        </button>
      </div>
      <ErrorNotice error={action.error} />
    </form>
  );
}
