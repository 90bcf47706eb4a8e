import type { Fulfilment, InventoryType, OrderState, OrderStep, StockState } from '../api/types';

const STOCK_LABELS: Record<StockState, string> = { AVAILABLE: 'Available', FEW_REMAINING: 'Few remaining', OUT_OF_STOCK: 'Out of stock' };
const ORDER_LABELS: Record<OrderState, string> = {
  CREATED: 'Created',
  PENDING: 'Pending review',
  APPROVED: 'Approved',
  REJECTED: 'Rejected',
  CANCELED: 'Canceled',
};
const STEP_LABELS: Record<OrderStep, string> = { ...ORDER_LABELS, PREPARING: 'Preparing', READY: 'Ready', DELIVERED: 'Delivered' };

export const StockBadge = ({ state }: { state: StockState }) => <span class={`badge stock-${state.toLowerCase()}`}>{STOCK_LABELS[state]}</span>;
export const OrderBadge = ({ state }: { state: OrderState }) => <span class={`badge order-${state.toLowerCase()}`}>{ORDER_LABELS[state]}</span>;
export const FulfilmentBadge = ({ step }: { step: Fulfilment }) => <span class={`badge fulfilment-${step.toLowerCase()}`}>{STEP_LABELS[step]}</span>;
export const stockLabel = (state: StockState) => STOCK_LABELS[state];
export const orderStepLabel = (step: OrderStep) => STEP_LABELS[step];
export const typeLabel = (type: InventoryType) => type.charAt(0) + type.slice(1).toLowerCase();
