import { useCallback, useEffect, useState } from 'react';
import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { describeApiError, readApiErrors, type ApiError } from '../api-errors';

/** Messages for error codes that a form explains in its own words. */
export type ErrorMessages = Partial<Record<string, (error: ApiError) => string>>;

interface ServerErrorsOptions<TFields extends FieldValues> {
  setError: UseFormSetError<TFields>;
  /** Form fields that a BAD_USER_INPUT error may name in `extensions.field`. */
  fields: readonly Path<TFields>[];
  messages?: ErrorMessages;
}

// `extensions.field` may name the argument path (`input.email`) or just the field.
function findFormField<TFields extends FieldValues>(field: string | undefined, fields: readonly Path<TFields>[]) {
  if (field === undefined) return undefined;
  const lastSegment = field.split('.').pop();
  return fields.find((candidate) => candidate === field || candidate === lastSegment);
}

/**
 * Shows the errors of a failed mutation on a form: BAD_USER_INPUT under the
 * field named by `extensions.field`, everything else as one form-level message
 * chosen by `extensions.code`. After THROTTLED, submitting stays blocked until
 * `extensions.retryAfterSeconds` have passed.
 */
export function useServerErrors<TFields extends FieldValues>({ setError, fields, messages = {} }: ServerErrorsOptions<TFields>) {
  const [formError, setFormError] = useState<string | null>(null);
  const [retryBlockedForSeconds, setRetryBlockedForSeconds] = useState(0);

  useEffect(() => {
    if (retryBlockedForSeconds <= 0) return undefined;
    const timer = window.setTimeout(() => setRetryBlockedForSeconds(0), retryBlockedForSeconds * 1000);
    return () => window.clearTimeout(timer);
  }, [retryBlockedForSeconds]);

  const showError = useCallback(
    (error: unknown) => {
      const formMessages: string[] = [];
      let focused = false;

      for (const apiError of readApiErrors(error)) {
        const formField = apiError.code === 'BAD_USER_INPUT' ? findFormField(apiError.field, fields) : undefined;
        if (formField !== undefined) {
          setError(formField, { type: 'server', message: apiError.message }, { shouldFocus: !focused });
          focused = true;
          continue;
        }

        if (apiError.code === 'THROTTLED' && apiError.retryAfterSeconds !== undefined) {
          setRetryBlockedForSeconds(apiError.retryAfterSeconds);
        }
        const describe = messages[apiError.code] ?? describeApiError;
        formMessages.push(describe(apiError));
      }

      setFormError(formMessages[0] ?? null);
    },
    [fields, messages, setError],
  );

  const clearFormError = useCallback(() => setFormError(null), []);

  return { formError, isRetryBlocked: retryBlockedForSeconds > 0, showError, clearFormError };
}
