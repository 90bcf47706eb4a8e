import { useState } from 'preact/hooks';
import { firstPages, ok } from '../api/client';
import { withStock } from '../api/inventory';
import { INVENTORY_TYPES, STOCK_STATES, type InventoryItem, type InventoryType, type StockState } from '../api/types';
import { formatMoney } from '../lib/money';
import { useSession } from '../session';
import { StockBadge, stockLabel, typeLabel } from '../ui/badges';
import { useLoad } from '../ui/hooks';
import { Empty, Show } from '../ui/states';
import { ArchiveItem, StockAdjustment } from './inventory-stock';
import { ItemForm } from './inventory-form';
import { TableHead, type Column } from '../ui/table';

const INVENTORY_COLUMNS: Column[] = [
  'Drink',
  'Type',
  { label: 'Price', number: true },
  { label: 'On hand', number: true },
  { label: 'Warn at', number: true },
  'Stock',
  'Change',
];

type Panel = { kind: 'create' } | { kind: 'edit' | 'adjust' | 'archive'; item: InventoryItem };

/** The drinks with stock badges, filters by type and state, and create, edit, adjust and archive. */
export function InventoryPage() {
  const { api } = useSession();
  const [type, setType] = useState<InventoryType | ''>('');
  const [state, setState] = useState<StockState | ''>('');
  const [pageCount, setPageCount] = useState(1);
  const [panel, setPanel] = useState<Panel>();
  const loaded = useLoad(async () => {
    const filters = { ...(type && { type }), ...(state && { state }) };
    const { items, more } = await firstPages(pageCount, (cursor) => ok(api.GET('/v1/inventory', { params: { query: { limit: 50, cursor, ...filters } } })));
    return { items: items.map(withStock), more };
  }, [type, state, pageCount]);
  const done = () => {
    setPanel(undefined);
    loaded.reload();
  };

  return (
    <section>
      <div class="title-row">
        <h1>Inventory</h1>
        <button type="button" onClick={() => setPanel({ kind: 'create' })}>
          New drink
        </button>
      </div>
      <div class="filters">
        <label>
          Type
          <select value={type} onChange={(event) => setType(event.currentTarget.value as InventoryType | '')}>
            <option value="">All types</option>
            {INVENTORY_TYPES.map((value) => (
              <option value={value}>{typeLabel(value)}</option>
            ))}
          </select>
        </label>
        <label>
          Stock
          <select value={state} onChange={(event) => setState(event.currentTarget.value as StockState | '')}>
            <option value="">Any stock</option>
            {STOCK_STATES.map((value) => (
              <option value={value}>{stockLabel(value)}</option>
            ))}
          </select>
        </label>
      </div>
      {panel?.kind === 'create' && <ItemForm onDone={done} onClose={() => setPanel(undefined)} />}
      {panel?.kind === 'edit' && <ItemForm key={panel.item.id} item={panel.item} onDone={done} onClose={() => setPanel(undefined)} />}
      {panel?.kind === 'adjust' && <StockAdjustment key={panel.item.id} item={panel.item} onDone={done} onClose={() => setPanel(undefined)} />}
      {panel?.kind === 'archive' && <ArchiveItem key={panel.item.id} item={panel.item} onDone={done} onClose={() => setPanel(undefined)} />}
      <Show loaded={loaded} what="the inventory">
        {({ items, more }) =>
          items.length === 0 ? (
            <Empty>No drinks match these filters.</Empty>
          ) : (
            <>
              <InventoryTable items={items} open={setPanel} />
              {more && (
                <button type="button" class="secondary" onClick={() => setPageCount((count) => count + 1)}>
                  Show more drinks
                </button>
              )}
            </>
          )
        }
      </Show>
    </section>
  );
}

function InventoryTable({ items, open }: { items: InventoryItem[]; open: (panel: Panel) => void }) {
  return (
    <table class="list">
      <TableHead columns={INVENTORY_COLUMNS} />
      <tbody>
        {items.map((item) => (
          <tr key={item.id}>
            <th scope="row">
              {item.name}
              <span class="muted">{[item.caffeinated && ' caffeinated', item.flavored && ' flavored'].filter(Boolean).join(',')}</span>
            </th>
            <td>{typeLabel(item.type)}</td>
            <td class="number">{formatMoney(item.price)}</td>
            <td class="number">{item.onHand}</td>
            <td class="number">{item.warnLimit}</td>
            <td>
              <StockBadge state={item.state} />
            </td>
            <td>
              <div class="row-buttons">
                <button type="button" class="secondary" aria-label={`Adjust stock of ${item.name}`} onClick={() => open({ kind: 'adjust', item })}>
                  Adjust stock
                </button>
                <button type="button" class="secondary" aria-label={`Edit ${item.name}`} onClick={() => open({ kind: 'edit', item })}>
                  Edit
                </button>
                <button type="button" class="secondary" aria-label={`Archive ${item.name}`} onClick={() => open({ kind: 'archive', item })}>
                  Archive
                </button>
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
