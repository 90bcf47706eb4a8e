import { randomInt } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
export const CUSTOMER_CODE_LENGTH = 5;

/** A short reference a customer can say over the phone or at the counter; uniqueness is claimed in the table. */
export function newCustomerCode(): string {
  return Array.from({ length: CUSTOMER_CODE_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
}
