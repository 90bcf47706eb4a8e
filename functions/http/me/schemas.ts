import * as z from 'zod';
import { optionalPhoneNumber, optionalText, password } from '../../core/fields';

export const patchMeBody = z.strictObject({
  name: optionalText(250),
  phoneNumber: optionalPhoneNumber,
  /** null clears the address. */
  address: z.union([z.null(), optionalText(250)]),
});

export const changePasswordBody = z.strictObject({ currentPassword: z.string().min(1, 'Required').max(256), newPassword: password });
