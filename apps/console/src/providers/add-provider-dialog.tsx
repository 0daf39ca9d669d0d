import { zodResolver } from '@hookform/resolvers/zod';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import useMediaQuery from '@mui/material/useMediaQuery';
import type { Theme } from '@mui/material/styles';
import { EnvironmentProvidersDocument, useAddProviderMutation, type ProviderCatalogQuery, type ProviderKind } from '@workapi/client';
import { useEffect, useId } from 'react';
import { useForm } from 'react-hook-form';
import { FormTextField } from '../app/forms/form-text-field';
import { useServerErrors, type ErrorMessages } from '../app/forms/use-server-errors';
import { useNotify } from '../app/notifications';
import { addProviderSchema, type AddProviderFormInput, type AddProviderFormOutput } from './provider-schemas';
import { RedirectUriField } from './redirect-uri-field';
import { SecretField } from './secret-field';

type CatalogEntry = ProviderCatalogQuery['providerCatalog'][number];

const FIELDS = ['kind', 'clientId', 'clientSecret', 'scopes'] as const;
const MESSAGES: ErrorMessages = {
  CONFLICT: () => 'This environment already has a provider of this kind. Edit that one instead.',
};

interface AddProviderDialogProps {
  open: boolean;
  onClose: () => void;
  environmentId: string;
  /** Kinds that can still be added: configurable and not yet in the environment. */
  catalog: CatalogEntry[];
  redirectUri: string;
}

/** Adds the developer's OAuth client for one provider kind to the environment. */
export function AddProviderDialog({ open, onClose, environmentId, catalog, redirectUri }: AddProviderDialogProps) {
  const titleId = useId();
  const notify = useNotify();
  const fullScreen = useMediaQuery((theme: Theme) => theme.breakpoints.down('sm'));
  const form = useForm<AddProviderFormInput, unknown, AddProviderFormOutput>({
    resolver: zodResolver(addProviderSchema),
    defaultValues: { kind: '', clientId: '', clientSecret: '', scopes: '' },
  });
  const { formError, isRetryBlocked, showError, clearFormError } = useServerErrors({ setError: form.setError, fields: FIELDS, messages: MESSAGES });
  const [addProvider] = useAddProviderMutation({ refetchQueries: [{ query: EnvironmentProvidersDocument, variables: { environmentId } }] });

  const kind = form.watch('kind');
  const entry = catalog.find((candidate) => candidate.kind === kind);

  // The catalog's default scopes of the chosen kind, which the developer may edit.
  useEffect(() => {
    if (entry) form.setValue('scopes', entry.defaultScopes.join('\n'));
  }, [entry, form]);

  useEffect(() => {
    if (open) {
      form.reset({ kind: '', clientId: '', clientSecret: '', scopes: '' });
      clearFormError();
    }
  }, [open, form, clearFormError]);

  const onSubmit = form.handleSubmit(async (input) => {
    clearFormError();
    try {
      await addProvider({
        variables: { input: { environmentId, kind: input.kind as ProviderKind, clientId: input.clientId, clientSecret: input.clientSecret, scopes: input.scopes } },
      });
      notify(`${entry?.displayName ?? 'The provider'} was added.`, 'success');
      onClose();
    } catch (error) {
      showError(error);
    }
  });

  return (
    <Dialog open={open} onClose={onClose} aria-labelledby={titleId} maxWidth="sm" fullWidth fullScreen={fullScreen}>
      <form noValidate onSubmit={onSubmit} aria-label="Add provider">
        <DialogTitle id={titleId}>Add a provider</DialogTitle>
        <DialogContent>
          <Stack spacing={1} sx={{ pt: 1 }}>
            {formError ? (
              <Alert severity="error" sx={{ mb: 2 }}>
                {formError}
              </Alert>
            ) : null}
            <FormTextField control={form.control} name="kind" label="Provider" select required autoFocus>
              {catalog.map((candidate) => (
                <MenuItem key={candidate.kind} value={candidate.kind}>
                  {candidate.displayName}
                </MenuItem>
              ))}
            </FormTextField>
            <FormTextField control={form.control} name="clientId" label="Client ID" required autoComplete="off" />
            <SecretField control={form.control} name="clientSecret" label="Client secret" />
            <FormTextField
              control={form.control}
              name="scopes"
              label="Scopes"
              multiline
              minRows={2}
              maxRows={6}
              required
              helperText={entry ? `One a line. ${entry.scopeFormat}` : 'One a line. The provider’s default scopes appear when you choose it.'}
              slotProps={{ input: { sx: { fontFamily: 'monospace', fontSize: '0.875rem' } } }}
            />
            <Box sx={{ pb: 1 }}>
              <RedirectUriField redirectUri={redirectUri} documentationUrl={entry?.documentationUrl} providerName={entry?.displayName} />
            </Box>
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="contained" loading={form.formState.isSubmitting} disabled={isRetryBlocked}>
            Add provider
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
