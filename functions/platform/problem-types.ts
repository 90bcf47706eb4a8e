import type { ErrorCode } from '../core/errors';

/** Every `code` a problem+json body can carry: the domain's, and the service's own for a bug. */
export type ProblemCode = ErrorCode | 'internal_error';

interface ProblemType {
  status: number;
  title: string;
}

/** How each code is answered over HTTP (contract section 2); the type makes it name every code. */
export const PROBLEM_TYPES: Record<ProblemCode, ProblemType> = {
  validation_failed: { status: 400, title: 'Validation failed' },
  unauthorized: { status: 401, title: 'Unauthorized' },
  invalid_credentials: { status: 401, title: 'Invalid credentials' },
  forbidden: { status: 403, title: 'Forbidden' },
  not_found: { status: 404, title: 'Not found' },
  invalid_transition: { status: 409, title: 'Invalid transition' },
  order_not_editable: { status: 409, title: 'Order not editable' },
  duplicate_item: { status: 409, title: 'Duplicate item' },
  out_of_stock: { status: 409, title: 'Out of stock' },
  insufficient_stock: { status: 409, title: 'Insufficient stock' },
  email_taken: { status: 409, title: 'Email taken' },
  idempotency_in_progress: { status: 409, title: 'Request in progress' },
  precondition_failed: { status: 412, title: 'Precondition failed' },
  payload_too_large: { status: 413, title: 'Payload too large' },
  order_empty: { status: 422, title: 'Order empty' },
  unknown_customer: { status: 422, title: 'Unknown customer' },
  unknown_item: { status: 422, title: 'Unknown item' },
  idempotency_key_reused: { status: 422, title: 'Idempotency key reused' },
  too_many_items: { status: 422, title: 'Too many items' },
  internal_error: { status: 500, title: 'Internal error' },
  service_unavailable: { status: 503, title: 'Service unavailable' },
};

export const PROBLEM_CODES = Object.keys(PROBLEM_TYPES) as [ProblemCode, ...ProblemCode[]];
