import * as z from 'zod';
import { email, optionalText, password, phoneNumber, text } from '../../core/fields';

export const registerBody = z.strictObject({
  email,
  password,
  name: text(250),
  phoneNumber,
  address: optionalText(250),
});

export const tokenBody = z.strictObject({ email, password: z.string().min(1).max(256) });

export const refreshBody = z.strictObject({ refreshToken: z.string().trim().min(1, 'Required').max(8192) });

export const passwordResetBody = z.strictObject({ email });

export const passwordResetConfirmBody = z.strictObject({
  email,
  code: z.string().trim().min(1, 'Required').max(64),
  newPassword: password,
});
