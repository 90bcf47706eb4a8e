import { describe, expect, it } from 'vitest';
import {
  adjustStock,
  archiveInventoryItem,
  createInventoryItem,
  getInventoryItem,
  listInventoryItems,
  updateInventoryItem,
  type NewInventoryItem,
} from '../../functions/data/inventory';
import { shop } from '../../functions/data/service';

const drink = (overrides: Partial<NewInventoryItem> = {}): NewInventoryItem => ({
  name: 'Espresso',
  type: 'COFFEE',
  caffeinated: true,
  flavored: false,
  priceCents: 250,
  onHand: 10,
  warnLimit: 3,
  ...overrides,
});

const rawItem = async (id: string) =>
  ((await shop.entities.inventoryItem.get({ id }).go({ data: 'raw' })).data as unknown as { Item: Record<string, unknown> }).Item;

const names = async () =>
  (await listInventoryItems({ binding: 'test', limit: 100, filters: {} })).items.map((item) => item.name);

describe('inventory repository', () => {
  it('creates an item with a ULID, version 1 and the lower-cased name in the menu index', async () => {
    const item = await createInventoryItem(drink({ name: 'Flat White' }));
    expect(item.id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(item).toMatchObject({ name: 'Flat White', listing: 'active', version: 1, onHand: 10, priceCents: 250 });
    expect('sortName' in item).toBe(false);
    expect(await getInventoryItem(item.id)).toEqual(item);
    const raw = await rawItem(item.id);
    expect(raw.gsi1pk).toContain('active');
    expect(raw.gsi1sk).toContain('flat white');
  });

  it('rebuilds the menu sort key when the name changes, so the list order follows the new name', async () => {
    const zebra = await createInventoryItem(drink({ name: 'Zebra Brew' }));
    await createInventoryItem(drink({ name: 'Mango Juice' }));
    expect((await names()).indexOf('Zebra Brew')).toBeGreaterThan((await names()).indexOf('Mango Juice'));
    const renamed = await updateInventoryItem(zebra.id, { name: 'Aardvark Ale' });
    expect(renamed).toMatchObject({ name: 'Aardvark Ale', version: 2 });
    expect((await rawItem(zebra.id)).gsi1sk).toContain('aardvark ale');
    const after = await names();
    expect(after).not.toContain('Zebra Brew');
    expect(after.indexOf('Aardvark Ale')).toBeLessThan(after.indexOf('Mango Juice'));
  });

  it('returns archived items from getInventoryItem, marked archived, and moves them out of the active menu partition', async () => {
    const item = await createInventoryItem(drink({ name: 'Old Cola', type: 'SODA' }));
    await archiveInventoryItem(item.id);
    const archived = await getInventoryItem(item.id);
    expect(archived).toMatchObject({ id: item.id, listing: 'archived', version: 2 });
    expect((await rawItem(item.id)).gsi1pk).toContain('archived');
    expect(await names()).not.toContain('Old Cola');
    expect(await getInventoryItem('01NOSUCHITEM0000000000000')).toBeNull();
  });

  it('adjusts stock atomically and reports what was available when it cannot', async () => {
    const item = await createInventoryItem(drink({ onHand: 2 }));
    expect(await adjustStock(item.id, -2)).toMatchObject({ onHand: 0, version: 2 });
    await expect(adjustStock(item.id, -1)).rejects.toMatchObject({
      code: 'insufficient_stock',
      facts: { itemId: item.id, requested: 1, available: 0 },
    });
    await expect(adjustStock(item.id, 1_000_001)).rejects.toMatchObject({ code: 'validation_failed' });
    expect(await adjustStock(item.id, 1_000_000)).toMatchObject({ onHand: 1_000_000, version: 3 });
    expect(await getInventoryItem(item.id)).toMatchObject({ onHand: 1_000_000, version: 3 });
  });

  it('refuses writes at a stale or unmatchable version with 412 and on missing items with 404', async () => {
    const item = await createInventoryItem(drink());
    await expect(updateInventoryItem(item.id, { warnLimit: 5 }, 2)).rejects.toMatchObject({ code: 'precondition_failed' });
    await expect(adjustStock(item.id, 1, Number.NaN)).rejects.toMatchObject({ code: 'precondition_failed' });
    await expect(archiveInventoryItem(item.id, 7)).rejects.toMatchObject({ code: 'precondition_failed' });
    await expect(updateInventoryItem('missing', { warnLimit: 5 })).rejects.toMatchObject({ code: 'not_found' });
    await expect(adjustStock('missing', 1, Number.NaN)).rejects.toMatchObject({ code: 'not_found' });
    expect(await getInventoryItem(item.id)).toEqual(item);
  });
});

describe('updateInventoryItem', () => {
  it('leaves fields passed as undefined untouched', async () => {
    const item = await createInventoryItem(drink({ name: 'Ginger Beer', type: 'SODA' }));
    const updated = await updateInventoryItem(item.id, { name: undefined, type: undefined, priceCents: 400 });
    expect(updated).toMatchObject({ name: 'Ginger Beer', type: 'SODA', priceCents: 400, version: 2 });
  });
});
