export const ORDER_STATES = ['CREATED', 'PENDING', 'APPROVED', 'REJECTED', 'CANCELED'] as const;
export type OrderState = (typeof ORDER_STATES)[number];

export const EDITABLE_STATES: readonly OrderState[] = ['CREATED', 'PENDING'];

/** The steps of an approved order, in order: PREPARING from its approval, then READY, then DELIVERED. */
export const FULFILMENT_STEPS = ['PREPARING', 'READY', 'DELIVERED'] as const;
export type FulfilmentStep = (typeof FULFILMENT_STEPS)[number];

/** The steps an employee moves an order to, each of which the customer is told about. */
export const NOTIFIED_STEPS = ['READY', 'DELIVERED'] as const satisfies readonly FulfilmentStep[];

/**
 * What the customer is notified of: the order entering a state (its creation is CREATED) or a
 * fulfilment step. The key of the inbox message and of the SMS delivery record of each.
 */
export const ORDER_EVENTS = [...ORDER_STATES, ...NOTIFIED_STEPS] as const;
export type OrderEventName = (typeof ORDER_EVENTS)[number];

/** What a history entry moves between: a state, or a fulfilment step. */
export const HISTORY_POINTS = [...ORDER_STATES, ...FULFILMENT_STEPS] as const;
export type HistoryPoint = (typeof HISTORY_POINTS)[number];
