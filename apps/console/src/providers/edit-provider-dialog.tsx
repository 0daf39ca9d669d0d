import { zodResolver } from '@hookform/resolvers/zod';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import { useUpdateProviderMutation, type ProviderFieldsFragment } from '@workapi/client';
import { useEffect, useId } from 'react';
import { useForm } from 'react-hook-form';
import { FormTextField } from '../app/forms/form-text-field';
import { useServerErrors } from '../app/forms/use-server-errors';
import { useNotify } from '../app/notifications';
import { editProviderSchema, rotateSecretSchema, type EditProviderFormInput, type EditProviderFormOutput, type RotateSecretFormInput } from './provider-schemas';
import { RedirectUriField } from './redirect-uri-field';
import { SecretField } from './secret-field';

const EDIT_FIELDS = ['clientId', 'scopes'] as const;
const SECRET_FIELDS = ['clientSecret'] as const;

interface ProviderDialogProps {
  provider: ProviderFieldsFragment | null;
  providerName: string;
  documentationUrl?: string;
  onClose: () => void;
}

/** Changes a provider's client ID and scopes. The secret is replaced in RotateSecretDialog. */
export function EditProviderDialog({ provider, providerName, documentationUrl, onClose }: ProviderDialogProps) {
  const titleId = useId();
  const notify = useNotify();
  const form = useForm<EditProviderFormInput, unknown, EditProviderFormOutput>({ resolver: zodResolver(editProviderSchema), defaultValues: { clientId: '', scopes: '' } });
  const { formError, showError, clearFormError } = useServerErrors({ setError: form.setError, fields: EDIT_FIELDS });
  const [update] = useUpdateProviderMutation();

  useEffect(() => {
    if (provider) {
      form.reset({ clientId: provider.clientId, scopes: provider.scopes.join('\n') });
      clearFormError();
    }
  }, [provider, form, clearFormError]);

  const onSubmit = form.handleSubmit(async (input) => {
    if (!provider) return;
    clearFormError();
    try {
      await update({ variables: { input: { id: provider.id, clientId: input.clientId, scopes: input.scopes } } });
      notify(`${providerName} was updated.`, 'success');
      onClose();
    } catch (error) {
      showError(error);
    }
  });

  return (
    <Dialog open={provider !== null} onClose={onClose} aria-labelledby={titleId} maxWidth="sm" fullWidth>
      <form noValidate onSubmit={onSubmit} aria-label="Edit provider">
        <DialogTitle id={titleId}>Edit {providerName}</DialogTitle>
        <DialogContent>
          <Stack spacing={1} sx={{ pt: 1 }}>
            {formError ? <Alert severity="error">{formError}</Alert> : null}
            <FormTextField control={form.control} name="clientId" label="Client ID" required autoComplete="off" autoFocus />
            <FormTextField
              control={form.control}
              name="scopes"
              label="Scopes"
              multiline
              minRows={2}
              maxRows={6}
              required
              helperText="One a line. Connected integrations keep the scopes they were granted."
              slotProps={{ input: { sx: { fontFamily: 'monospace', fontSize: '0.875rem' } } }}
            />
            {provider ? <RedirectUriField redirectUri={provider.redirectUri} documentationUrl={documentationUrl} providerName={providerName} /> : null}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="contained" loading={form.formState.isSubmitting}>
            Save changes
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

/** Replaces a provider's client secret, for example after rotating it at the provider. */
export function RotateSecretDialog({ provider, providerName, onClose }: ProviderDialogProps) {
  const titleId = useId();
  const notify = useNotify();
  const form = useForm<RotateSecretFormInput>({ resolver: zodResolver(rotateSecretSchema), defaultValues: { clientSecret: '' } });
  const { formError, showError, clearFormError } = useServerErrors({ setError: form.setError, fields: SECRET_FIELDS });
  const [update] = useUpdateProviderMutation();

  useEffect(() => {
    if (provider) {
      form.reset({ clientSecret: '' });
      clearFormError();
    }
  }, [provider, form, clearFormError]);

  const onSubmit = form.handleSubmit(async ({ clientSecret }) => {
    if (!provider) return;
    clearFormError();
    try {
      await update({ variables: { input: { id: provider.id, clientSecret } } });
      notify(`The client secret of ${providerName} was replaced.`, 'success');
      onClose();
    } catch (error) {
      showError(error);
    }
  });

  return (
    <Dialog open={provider !== null} onClose={onClose} aria-labelledby={titleId} maxWidth="sm" fullWidth>
      <form noValidate onSubmit={onSubmit} aria-label="Rotate client secret">
        <DialogTitle id={titleId}>Rotate the client secret of {providerName}</DialogTitle>
        <DialogContent>
          <Stack spacing={1} sx={{ pt: 1 }}>
            {formError ? <Alert severity="error">{formError}</Alert> : null}
            <SecretField control={form.control} name="clientSecret" label="New client secret" />
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="contained" loading={form.formState.isSubmitting}>
            Replace secret
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
