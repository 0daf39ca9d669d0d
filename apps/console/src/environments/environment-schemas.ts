import { z } from 'zod';

export const ENVIRONMENT_NAME_MAX_LENGTH = 64;
export const RETURN_URLS_MAX = 20;

// The server counts Unicode code points.
const characterCount = (value: string) => [...value].length;

export const environmentName = z
  .string()
  .trim()
  .min(1, 'Enter a name')
  .refine((name) => characterCount(name) <= ENVIRONMENT_NAME_MAX_LENGTH, `Use at most ${ENVIRONMENT_NAME_MAX_LENGTH} characters`);

export const createEnvironmentSchema = z.object({
  name: environmentName,
  generateInBrowser: z.boolean(),
});

export type CreateEnvironmentFormInput = z.input<typeof createEnvironmentSchema>;
export type CreateEnvironmentFormOutput = z.output<typeof createEnvironmentSchema>;

function isReturnUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hash === '' && !value.includes('#');
  } catch {
    return false;
  }
}

/** One URL a line. Blank lines are ignored. */
export const returnUrlsSchema = z.object({
  allowedReturnUrls: z
    .string()
    .transform((text) =>
      text
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line.length > 0),
    )
    .refine((urls) => urls.length <= RETURN_URLS_MAX, `Enter at most ${RETURN_URLS_MAX} URLs`)
    .refine((urls) => urls.every(isReturnUrl), 'Enter absolute http or https URLs without a #fragment, one a line'),
});

export type ReturnUrlsFormInput = z.input<typeof returnUrlsSchema>;
export type ReturnUrlsFormOutput = z.output<typeof returnUrlsSchema>;
