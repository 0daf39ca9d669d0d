import { z } from 'zod';

// The same limits as the server's, so that most mistakes are caught before sending.
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;
export const NAME_MAX_LENGTH = 100;
export const EMAIL_MAX_LENGTH = 254;

// The server counts characters as Unicode code points, so an emoji is one
// character although it is two UTF-16 units in `string.length`.
function characterCount(value: string): number {
  return [...value].length;
}

const email = z
  .string()
  .trim()
  .min(1, 'Enter your email address')
  .max(EMAIL_MAX_LENGTH, `Use at most ${EMAIL_MAX_LENGTH} characters`)
  .pipe(z.email('Enter a valid email address, such as ada@example.com'));

export const signUpSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'Enter your name')
    .refine((name) => characterCount(name) <= NAME_MAX_LENGTH, `Use at most ${NAME_MAX_LENGTH} characters`),
  email,
  password: z
    .string()
    .refine((password) => characterCount(password) >= PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters`)
    .refine((password) => characterCount(password) <= PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters`),
});

// Sign-in checks only that a password was typed: the server decides whether it
// is right, and an account may predate the current length rule.
export const signInSchema = z.object({
  email,
  password: z
    .string()
    .min(1, 'Enter your password')
    .refine((password) => characterCount(password) <= PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters`),
});

export type SignUpFormInput = z.input<typeof signUpSchema>;
export type SignUpFormOutput = z.output<typeof signUpSchema>;
export type SignInFormInput = z.input<typeof signInSchema>;
export type SignInFormOutput = z.output<typeof signInSchema>;
