import { expect, it } from 'vitest';
import { createInventoryItem, listInventoryItems, updateInventoryItem } from '../../functions/data/inventory';

const drink = (name: string) => ({ name, type: 'TEA' as const, caffeinated: true, flavored: false, priceCents: 300, onHand: 5, warnLimit: 3 });

it('lists a name before the longer names it is a prefix of, whatever follows', async () => {
  for (const name of ['Green Tea Latte', 'Green Tea-Mint', 'green tea!', 'Green Tea', 'Green"Tea', 'Green']) await createInventoryItem(drink(name));
  const renamed = await createInventoryItem(drink('Zz'));
  await updateInventoryItem(renamed.id, { name: 'Green Te' }, undefined);
  const { items } = await listInventoryItems({ binding: 'test', limit: 100, filters: {} });
  expect(items.map((item) => item.name)).toEqual(['Green', 'Green Te', 'Green Tea', 'Green Tea Latte', 'green tea!', 'Green Tea-Mint', 'Green"Tea']);
});
