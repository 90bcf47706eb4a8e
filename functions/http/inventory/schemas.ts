import * as z from 'zod';
import { blankAsAbsent, listQuery, text } from '../../core/fields';
import { BEVERAGE_TYPES, MAX_STOCK, NO_CONTROL_CHARACTERS, STOCK_STATES } from '../../core/inventory';
import { price } from '../../core/money';

const beverageType = z.string().trim().pipe(z.enum(BEVERAGE_TYPES));
const stockLevel = z.number().int().min(0).max(MAX_STOCK);

export const listInventoryQuery = z.strictObject({
  ...listQuery,
  type: z.enum(BEVERAGE_TYPES).optional(),
  state: z.enum(STOCK_STATES).optional(),
});

export const createInventoryItemBody = z
  .strictObject({
    name: text(150).regex(NO_CONTROL_CHARACTERS, 'Must not contain control characters'),
    type: beverageType,
    caffeinated: z.boolean().default(false),
    flavored: z.boolean().default(false),
    price,
    onHand: stockLevel.default(0),
    warnLimit: stockLevel.default(3),
  })
  .transform(({ price: priceCents, ...item }) => ({ ...item, priceCents }));

/** Blank strings count as not sent. `onHand` is not here: stock changes only through adjustments, so sending it is an unknown field (400). */
export const patchInventoryItemBody = z
  .strictObject({
    name: blankAsAbsent(z.string().max(150).regex(NO_CONTROL_CHARACTERS, 'Must not contain control characters')),
    type: blankAsAbsent(z.enum(BEVERAGE_TYPES)),
    caffeinated: z.boolean().optional(),
    flavored: z.boolean().optional(),
    price: blankAsAbsent(price),
    warnLimit: stockLevel.optional(),
  })
  .refine((changes) => Object.values(changes).some((value) => value !== undefined), {
    message: 'Send at least one of name, type, caffeinated, flavored, price, warnLimit',
  })
  .transform(({ price: priceCents, ...changes }) => ({ ...changes, ...(priceCents !== undefined && { priceCents }) }));

/** A delta beyond ±MAX_STOCK can never succeed, so it is out of range (400) rather than a stock error. */
export const adjustmentBody = z.strictObject({
  delta: z
    .number()
    .int()
    .min(-MAX_STOCK)
    .max(MAX_STOCK)
    .refine((delta) => delta !== 0, 'Must not be 0'),
  reason: text(200),
});

/** Responses (for the OpenAPI document): what anyone sees, and the employee view with stock and version. */
const publicItemFields = {
  id: z.string(),
  name: z.string(),
  type: z.enum(BEVERAGE_TYPES),
  caffeinated: z.boolean(),
  flavored: z.boolean(),
  price: z.string().regex(/^\d{1,3}\.\d{2}$/),
  state: z.enum(STOCK_STATES),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
};

export const publicInventoryItem = z.strictObject(publicItemFields);

export const employeeInventoryItem = z.strictObject({
  ...publicItemFields,
  onHand: z.number().int().min(0).max(MAX_STOCK),
  warnLimit: z.number().int().min(0).max(MAX_STOCK),
  version: z.number().int().min(1),
});

export const inventoryPage = z.strictObject({
  items: z.array(z.union([employeeInventoryItem, publicInventoryItem])),
  nextCursor: z.string().nullable(),
});
