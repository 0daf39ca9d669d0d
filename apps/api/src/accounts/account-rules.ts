import { z } from 'zod';
import { badUserInput } from '../graphql/errors';

export const passwordRule = { minLength: 12, maxLength: 128 };

const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, 'must be at most 254 characters')
  .email('must be a valid email address, for example ada@example.com');

/** Returns the normalized email or raises BAD_USER_INPUT naming `field`. */
export function normalizeEmail(value: string, field = 'email'): string {
  const parsed = emailSchema.safeParse(value);
  if (!parsed.success) throw badUserInput(field, `${field} ${parsed.error.issues[0].message}.`);
  return parsed.data;
}

export function checkPassword(value: string, field = 'password'): void {
  const length = [...value].length;
  if (length < passwordRule.minLength || length > passwordRule.maxLength) {
    throw badUserInput(
      field,
      `${field} must be ${passwordRule.minLength} to ${passwordRule.maxLength} characters long (got ${length}).`,
    );
  }
}

export function normalizeName(value: string, field = 'name'): string {
  const name = value.trim();
  const length = [...name].length;
  if (length < 1 || length > 100) throw badUserInput(field, `${field} must be 1 to 100 characters long (got ${length}).`);
  return name;
}
