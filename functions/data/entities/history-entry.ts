import { HISTORY_POINTS } from '../../core/order-states';

/** One entry of an order's history: the order item's `history` list holds them, as the older orderEvent items did. */
export const historyEntryAttributes = {
  from: { type: HISTORY_POINTS },
  to: { type: HISTORY_POINTS, required: true },
  at: { type: 'string', required: true },
  by: { type: 'string', required: true },
  role: { type: ['customer', 'employee'] as const, required: true },
  comments: { type: 'string' },
} as const;
