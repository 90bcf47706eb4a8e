import * as z from 'zod';
import { listQuery } from '../../core/fields';

export const listCustomersQuery = z.strictObject({
  ...listQuery,
  code: z
    .string()
    .regex(/^[A-Za-z0-9]{5}$/, 'Must be a 5-character customer code')
    .transform((code) => code.toUpperCase())
    .optional(),
});
