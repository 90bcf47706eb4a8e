import type { OrderEventName } from '../core/order-states';

export interface OrderNotice {
  state: OrderEventName;
  /** The order's short human reference (`reference` on the order). */
  reference: string;
  /** The order's comments: the reason given on rejection (required there, so the fallback is never seen). */
  comments?: string;
}

/** The contract's texts (section 6), one per state an order can enter and per fulfilment step it is told of; the same text goes by SMS and to the inbox. */
export function messageFor({ state, reference, comments }: OrderNotice): string {
  switch (state) {
    case 'CREATED':
      return `Dear customer, your order ${reference} has been created.`;
    case 'PENDING':
      return `Dear customer, your order ${reference} is now awaiting review. You can still add, remove or update items before it is reviewed.`;
    case 'APPROVED':
      return `Dear customer, your order ${reference} has been approved and will be delivered soon.`;
    case 'REJECTED':
      return `Dear customer, we regret that your order ${reference} was not accepted. Reason: ${comments?.trim() || 'not given'}`;
    case 'CANCELED':
      return `Dear customer, your order ${reference} has been canceled.`;
    case 'READY':
      return `Dear customer, your order ${reference} is ready.`;
    case 'DELIVERED':
      return `Dear customer, your order ${reference} has been delivered. Thank you for your order.`;
  }
}
