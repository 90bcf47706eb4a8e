import * as z from 'zod';
import { optionalPhoneNumber, optionalText } from '../../core/fields';

export const patchMeBody = z.strictObject({
  name: optionalText(250),
  phoneNumber: optionalPhoneNumber,
  /** null clears the address. */
  address: z.union([z.null(), optionalText(250)]),
});
