import { zodResolver } from '@hookform/resolvers/zod';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import { useForm } from 'react-hook-form';
import { FormTextField } from '../app/forms/form-text-field';
import { useServerErrors, type ErrorMessages } from '../app/forms/use-server-errors';
import { canGenerateInBrowser } from './key-pair';
import { KeySourceField } from './key-source-field';
import { createEnvironmentSchema, type CreateEnvironmentFormInput, type CreateEnvironmentFormOutput } from './environment-schemas';
import type { OneTimeKey } from './private-key-dialog';
import { useCreateEnvironment } from './use-create-environment';

const FIELDS = ['name'] as const;

const MESSAGES: ErrorMessages = {
  CONFLICT: () => 'An environment with this name already exists. Choose another name.',
  LIMIT_REACHED: () => 'Your account has reached its limit of environments. Delete one you no longer use.',
};

interface CreateEnvironmentFormProps {
  onCreated: (key: OneTimeKey) => void;
  onCancel?: () => void;
  autoFocus?: boolean;
}

/** Asks for an environment's name and where to make its key pair, then creates it. */
export function CreateEnvironmentForm({ onCreated, onCancel, autoFocus }: CreateEnvironmentFormProps) {
  const createEnvironment = useCreateEnvironment();
  const form = useForm<CreateEnvironmentFormInput, unknown, CreateEnvironmentFormOutput>({
    resolver: zodResolver(createEnvironmentSchema),
    defaultValues: { name: '', generateInBrowser: canGenerateInBrowser() },
  });
  const { formError, isRetryBlocked, showError, clearFormError } = useServerErrors({ setError: form.setError, fields: FIELDS, messages: MESSAGES });

  const onSubmit = form.handleSubmit(async ({ name, generateInBrowser }) => {
    clearFormError();
    try {
      onCreated(await createEnvironment(name, generateInBrowser));
    } catch (error) {
      showError(error);
    }
  });

  return (
    <Stack component="form" noValidate onSubmit={onSubmit} spacing={1} aria-label="Create environment">
      {formError ? (
        <Alert severity="error" sx={{ mb: 2 }}>
          {formError}
        </Alert>
      ) : null}
      <FormTextField
        control={form.control}
        name="name"
        label="Environment name"
        placeholder="Development"
        required
        autoFocus={autoFocus}
        autoComplete="off"
        helperText="For example Development, Staging or Production."
      />
      <KeySourceField control={form.control} name="generateInBrowser" />
      <Stack direction="row" spacing={1} sx={{ justifyContent: 'flex-end' }}>
        {onCancel ? <Button onClick={onCancel}>Cancel</Button> : null}
        <Button type="submit" variant="contained" loading={form.formState.isSubmitting} disabled={isRetryBlocked}>
          Create environment
        </Button>
      </Stack>
    </Stack>
  );
}
