import * as z from 'zod';
import { MAX_ID_LENGTH } from './ids';

/*
 * Strings are trimmed, and empty after trimming counts as missing (contract section 8): a required
 * field that is blank fails as "Required"; an optional one that is blank is simply absent. No
 * preprocessing, so the same schemas document their input in the OpenAPI document.
 */
const string = () => z.string({ error: (issue) => (issue.input === undefined ? 'Required' : 'Must be a string') });

export const text = (max: number) => string().trim().min(1, 'Required').max(max);

/** An optional string field whose blank value means "not sent"; `inner` validates what remains. */
export const blankAsAbsent = <T>(inner: z.ZodType<T, string>) =>
  string()
    .trim()
    .optional()
    .transform((value) => (value === '' ? undefined : value))
    .pipe(inner.optional());

export const optionalText = (max: number) => blankAsAbsent(z.string().max(max));

export const email = string().trim().toLowerCase().pipe(z.email('Must be an email address').max(254));

export const password = string()
  .min(8, 'Must have at least 8 characters')
  .max(256)
  .regex(/[A-Z]/, 'Must contain an upper-case letter')
  .regex(/[a-z]/, 'Must contain a lower-case letter')
  .regex(/\d/, 'Must contain a digit');

const E164 = /^\+\d{8,15}$/;
const E164_MESSAGE = 'Must be E.164: + then 8 to 15 digits';

export const phoneNumber = string().trim().regex(E164, E164_MESSAGE);

export const optionalPhoneNumber = blankAsAbsent(z.string().regex(E164, E164_MESSAGE));

export const id = z.string().min(1).max(MAX_ID_LENGTH);

export const listQuery = {
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().min(1).max(2048).optional(),
};
