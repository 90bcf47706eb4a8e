import { CONSOLE_BASE_PATH } from './config-shape';

/** Every page's URL, in one place. */
export const pages = {
  queue: CONSOLE_BASE_PATH,
  boards: `${CONSOLE_BASE_PATH}boards`,
  order: (orderId: string) => `${CONSOLE_BASE_PATH}orders/${encodeURIComponent(orderId)}`,
  newOrder: (customerId?: string) => `${CONSOLE_BASE_PATH}new-order${customerId ? `?customer=${encodeURIComponent(customerId)}` : ''}`,
  inventory: `${CONSOLE_BASE_PATH}inventory`,
  customers: `${CONSOLE_BASE_PATH}customers`,
  customer: (customerId: string) => `${CONSOLE_BASE_PATH}customers/${encodeURIComponent(customerId)}`,
};
