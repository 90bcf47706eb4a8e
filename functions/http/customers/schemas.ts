import * as z from 'zod';
import { searchQueryFor } from '../../core/customer-search';
import { listQuery, text } from '../../core/fields';

export const listCustomersQuery = z
  .strictObject({
    ...listQuery,
    code: z
      .string()
      .regex(/^[A-Za-z0-9]{5}$/, 'Must be a 5-character customer code')
      .transform((code) => code.toUpperCase())
      .optional(),
    q: text(100)
      .refine((q) => searchQueryFor(q) !== null, 'Must hold a letter or a digit; a phone search (starting with + or a digit) holds only +, digits and spaces, at most 15 digits')
      .optional()
      .describe(
        'Search (1..100 characters after trimming). Starting with `+` or a digit: customers whose phone number starts with it (`+` and spaces ignored, so `2547`, `+2547` and `+254 7` are the same). Otherwise: customers whose name, at the start of any of its first 4 words, starts with it, ignoring case and accents (`ann` and `wan` find "Ánn Wanjiru"; so does `ann wan`). Newest first. Not together with `code`.',
      ),
  })
  .refine((query) => !(query.q !== undefined && query.code !== undefined), { message: 'Send either q or code, not both', path: ['q'] });
