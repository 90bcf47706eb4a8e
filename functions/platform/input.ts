import * as z from 'zod';
import { ValidationFailed } from '../core/errors';

export function validate<T>(schema: z.ZodType<T>, value: unknown, where: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const errors = result.error.issues.map((issue) => ({
    path: [where, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
  throw new ValidationFailed(`The request ${where} is not valid.`, errors);
}

export function parseJsonBody(raw: string | undefined): unknown {
  if (raw === undefined || raw.trim() === '') return {};
  try {
    return JSON.parse(raw);
  } catch {
    throw new ValidationFailed('The request body is not valid JSON.', [{ path: 'body', message: 'Malformed JSON' }]);
  }
}
