import { z } from 'zod';

export const SCOPES_MAX = 50;

/** Scopes typed one a line or separated by spaces or commas. */
export function parseScopes(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((scope) => scope.trim())
    .filter((scope) => scope.length > 0);
}

const scopes = z
  .string()
  .transform(parseScopes)
  .refine((list) => list.length >= 1, 'Enter at least one scope')
  .refine((list) => list.length <= SCOPES_MAX, `Enter at most ${SCOPES_MAX} scopes`);

const clientId = z
  .string()
  .trim()
  .min(1, 'Enter the client ID')
  .max(255, 'Use at most 255 characters')
  .refine((value) => !/\s/.test(value), 'The client ID has no spaces');

export const clientSecret = z
  .string()
  .min(8, 'Use at least 8 characters')
  .max(512, 'Use at most 512 characters');

export const addProviderSchema = z.object({
  kind: z.string().min(1, 'Choose a provider'),
  clientId,
  clientSecret,
  scopes,
});

export const editProviderSchema = z.object({ clientId, scopes });
export const rotateSecretSchema = z.object({ clientSecret });

export type AddProviderFormInput = z.input<typeof addProviderSchema>;
export type AddProviderFormOutput = z.output<typeof addProviderSchema>;
export type EditProviderFormInput = z.input<typeof editProviderSchema>;
export type EditProviderFormOutput = z.output<typeof editProviderSchema>;
export type RotateSecretFormInput = z.input<typeof rotateSecretSchema>;
