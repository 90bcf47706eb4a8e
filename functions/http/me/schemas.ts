import { z } from 'zod';
import { optionalText, phoneNumber, text } from '../../core/fields';

const blankAsMissing = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

export const patchMeBody = z.strictObject({
  name: text(250).optional(),
  phoneNumber: phoneNumber.optional(),
  /** null clears the address. */
  address: z.preprocess(blankAsMissing, z.union([z.null(), optionalText(250)])).optional(),
});
