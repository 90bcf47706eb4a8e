import { ApiError, type Problem } from '../api/types';

/** A refusal in words: what happened, and what the employee can do about it. */
export interface ProblemMessage {
  message: string;
  hint: string;
}

export interface ProblemContext {
  /** The refused action as a past participle: "approved", "rejected", "canceled". */
  action?: string;
  /** Names the drink of an item id (the insufficient-stock problem names only the id). */
  itemName?: (itemId: string) => string | undefined;
}

const state = (value: string | undefined) => (value ? value.toLowerCase() : 'in another state');

type Describe = (problem: Problem, context: ProblemContext) => ProblemMessage;

const byCode: Partial<Record<Problem['code'], Describe>> = {
  precondition_failed: () => ({
    message: 'This changed meanwhile: someone else saved it after you opened it.',
    hint: 'Reload to see the latest version, then try again.',
  }),
  invalid_transition: (problem, { action }) => ({
    // For mark ready / delivered the step says more than the state (which stays APPROVED).
    message: `This order is ${state(problem.currentFulfilment ?? problem.currentState)} now, so it cannot be ${action ?? 'changed that way'}.`,
    hint: 'Reload the order to see what happened.',
  }),
  order_not_editable: (problem) => ({
    message: `Lines can only change while an order is created or pending; this one is ${state(problem.currentState)}.`,
    hint: 'Reload the order.',
  }),
  insufficient_stock: (problem, { itemName }) => {
    const drink = (problem.itemId && itemName?.(problem.itemId)) || 'a drink';
    return {
      message: `Not enough stock of ${drink}: ${problem.requested ?? '?'} needed, ${problem.available ?? '?'} on hand.`,
      hint: 'Lower the quantity, or first record a delivery of it in Inventory.',
    };
  },
  out_of_stock: () => ({ message: 'This drink is out of stock (none on hand).', hint: 'Record a delivery in Inventory first, or choose another drink.' }),
  duplicate_item: () => ({ message: 'This drink is already on the order.', hint: 'Change the quantity of its line instead.' }),
  order_empty: () => ({ message: 'The order has no lines.', hint: 'Add at least one drink first.' }),
  too_many_items: () => ({ message: 'An order holds at most 50 different drinks.', hint: 'Start a second order for the rest.' }),
  unknown_customer: () => ({ message: 'That customer does not exist.', hint: 'Look the customer up again.' }),
  unknown_item: () => ({ message: 'That drink does not exist (or was archived).', hint: 'Reload the menu and choose again.' }),
  not_found: () => ({ message: 'Not found: it was archived or never existed.', hint: 'Go back to the list and reload it.' }),
  forbidden: () => ({ message: 'Your account may not do this.', hint: 'Sign in with an employee account.' }),
  unauthorized: () => ({ message: 'Your session has ended.', hint: 'Sign in again.' }),
  validation_failed: (problem) => ({
    message: problem.errors?.length
      ? `Please check: ${problem.errors.map((error) => `${error.path ? `${error.path}: ` : ''}${error.message}`).join('; ')}.`
      : problem.detail,
    hint: 'Correct the fields and try again.',
  }),
  payload_too_large: () => ({ message: 'That is too much text to send at once.', hint: 'Shorten it and try again.' }),
};

/** Any thrown error as words for the employee; never a raw JSON dump. */
export function describeProblem(error: unknown, context: ProblemContext = {}): ProblemMessage {
  if (!(error instanceof ApiError)) return { message: 'Something went wrong in the console.', hint: 'Reload the page.' };
  if (error.status === 0) return { message: 'The service did not answer.', hint: 'Check the connection, then try again.' };
  if (error.status === 401) return byCode.unauthorized!(error.problem!, context);
  const describe = error.problem && byCode[error.problem.code];
  if (describe) return describe(error.problem!, context);
  if (error.status >= 500) return { message: 'The service failed on this request.', hint: 'Try again in a moment.' };
  return { message: error.problem?.detail ?? `The service refused the request (${error.status}).`, hint: 'Reload and try again.' };
}
