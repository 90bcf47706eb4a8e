export const ORDER_STATES = ['CREATED', 'PENDING', 'APPROVED', 'REJECTED', 'CANCELED'] as const;
export type OrderState = (typeof ORDER_STATES)[number];

export const EDITABLE_STATES: readonly OrderState[] = ['CREATED', 'PENDING'];
