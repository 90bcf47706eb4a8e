import * as z from 'zod';
import { blankAsAbsent, id, listQuery, optionalText, text } from '../../core/fields';
import { price } from '../../core/money';
import { FULFILMENT_STEPS, ORDER_STATES } from '../../core/order-states';

const quantity = z.number({ error: 'Must be an integer from 1 to 1000' }).int().min(1).max(1000);

export const createOrderBody = z.strictObject({ customerId: blankAsAbsent(id), comments: optionalText(1000) });

export const listOrdersQuery = z.strictObject({
  ...listQuery,
  state: z.enum(ORDER_STATES).optional(),
  customerId: id.optional(),
  fulfilment: z.enum(FULFILMENT_STEPS).optional(),
  sort: z.enum(['newest', 'oldest']).default('newest'),
});

export const addItemBody = z.strictObject({ itemId: id, quantity, unitPrice: price.optional() });

/** An empty body would change nothing yet bump the version: a 400, as for inventory PATCH. */
export const updateItemBody = z
  .strictObject({ quantity: quantity.optional(), unitPrice: price.optional() })
  .refine((changes) => changes.quantity !== undefined || changes.unitPrice !== undefined, { message: 'Send quantity or unitPrice' });

export const optionalCommentsBody = z.strictObject({ comments: optionalText(1000) });

export const rejectBody = z.strictObject({ comments: text(1000) });

export const noBody = z.strictObject({});
