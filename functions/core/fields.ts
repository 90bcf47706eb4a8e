import { z } from 'zod';

/** Strings are trimmed, and empty after trimming counts as missing (contract section 8). */
const blankAsMissing = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

const requiredString = () =>
  z.string({ error: (issue) => (issue.input === undefined ? 'Required' : 'Must be a string') });

export const text = (max: number) => z.preprocess(blankAsMissing, requiredString().trim().min(1).max(max));

export const optionalText = (max: number) => z.preprocess(blankAsMissing, z.string().trim().max(max).optional());

export const email = z.preprocess(blankAsMissing, requiredString().trim().toLowerCase().pipe(z.email()).pipe(z.string().max(254)));

export const password = requiredString()
  .min(8)
  .max(256)
  .regex(/[A-Z]/, 'Must contain an upper-case letter')
  .regex(/[a-z]/, 'Must contain a lower-case letter')
  .regex(/\d/, 'Must contain a digit');

export const phoneNumber = z.preprocess(
  blankAsMissing,
  requiredString().trim().regex(/^\+\d{8,15}$/, 'Must be E.164: + then 8 to 15 digits'),
);

export const listQuery = {
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().min(1).max(2048).optional(),
};
