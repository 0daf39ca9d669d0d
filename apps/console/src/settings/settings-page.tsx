import { zodResolver } from '@hookform/resolvers/zod';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import {
  EnvironmentsDocument,
  useDeactivateEnvironmentMutation,
  useReactivateEnvironmentMutation,
  useRenameEnvironmentMutation,
  useUpdateEnvironmentMutation,
} from '@workapi/client';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { describeApiError, readApiErrors } from '../app/api-errors';
import { useConfirm } from '../app/confirm-dialog';
import { FormTextField } from '../app/forms/form-text-field';
import { useServerErrors, type ErrorMessages } from '../app/forms/use-server-errors';
import { useNotify } from '../app/notifications';
import { PageContainer } from '../app/page-container';
import { useEnvironment } from '../environments/environment-context';
import { environmentName, returnUrlsSchema, type ReturnUrlsFormInput, type ReturnUrlsFormOutput } from '../environments/environment-schemas';
import { DeleteEnvironmentSection } from './delete-environment-section';
import { SettingsSection } from './settings-section';

const renameSchema = z.object({ name: environmentName });
type RenameForm = z.input<typeof renameSchema>;
const RENAME_FIELDS = ['name'] as const;
const RENAME_MESSAGES: ErrorMessages = { CONFLICT: () => 'Another environment already has this name.' };
const URL_FIELDS = ['allowedReturnUrls'] as const;

function RenameSection() {
  const environment = useEnvironment();
  const notify = useNotify();
  const form = useForm<RenameForm>({ resolver: zodResolver(renameSchema), values: { name: environment.name } });
  const { formError, showError, clearFormError } = useServerErrors({ setError: form.setError, fields: RENAME_FIELDS, messages: RENAME_MESSAGES });
  const [rename] = useRenameEnvironmentMutation();

  const onSubmit = form.handleSubmit(async ({ name }) => {
    clearFormError();
    try {
      await rename({ variables: { input: { id: environment.id, name: name.trim() } } });
      notify('The environment was renamed.', 'success');
    } catch (error) {
      showError(error);
    }
  });

  return (
    <SettingsSection title="Name" description="Shown in the environment switcher; tokens and URLs use the id, which never changes.">
      <Stack component="form" noValidate onSubmit={onSubmit} spacing={1} aria-label="Rename environment" sx={{ maxWidth: 480 }}>
        {formError ? <Alert severity="error">{formError}</Alert> : null}
        <FormTextField control={form.control} name="name" label="Environment name" required autoComplete="off" />
        <Button type="submit" variant="contained" loading={form.formState.isSubmitting} sx={{ alignSelf: 'flex-start' }}>
          Rename
        </Button>
      </Stack>
    </SettingsSection>
  );
}

function ReturnUrlsSection() {
  const environment = useEnvironment();
  const notify = useNotify();
  const form = useForm<ReturnUrlsFormInput, unknown, ReturnUrlsFormOutput>({
    resolver: zodResolver(returnUrlsSchema),
    values: { allowedReturnUrls: environment.allowedReturnUrls.join('\n') },
  });
  const { formError, showError, clearFormError } = useServerErrors({ setError: form.setError, fields: URL_FIELDS });
  const [update] = useUpdateEnvironmentMutation();

  const onSubmit = form.handleSubmit(async ({ allowedReturnUrls }) => {
    clearFormError();
    try {
      await update({ variables: { input: { id: environment.id, allowedReturnUrls } } });
      notify('The allowed return URLs were saved.', 'success');
    } catch (error) {
      showError(error);
    }
  });

  return (
    <SettingsSection
      title="Allowed return URLs"
      description="After connecting an account, users may be sent back only to these addresses of your app (connectIntegration's returnTo)."
    >
      <Stack component="form" noValidate onSubmit={onSubmit} spacing={1} aria-label="Allowed return URLs">
        {formError ? <Alert severity="error">{formError}</Alert> : null}
        <FormTextField
          control={form.control}
          name="allowedReturnUrls"
          label="Return URLs"
          multiline
          minRows={3}
          placeholder="https://app.example.com/integrations/done"
          helperText="One absolute http or https URL a line, at most 20."
          slotProps={{ input: { sx: { fontFamily: 'monospace', fontSize: '0.875rem' } } }}
        />
        <Button type="submit" variant="contained" loading={form.formState.isSubmitting} sx={{ alignSelf: 'flex-start' }}>
          Save URLs
        </Button>
      </Stack>
    </SettingsSection>
  );
}

function StatusSection() {
  const environment = useEnvironment();
  const confirm = useConfirm();
  const notify = useNotify();
  const [deactivate, deactivation] = useDeactivateEnvironmentMutation({ refetchQueries: [{ query: EnvironmentsDocument }] });
  const [reactivate, reactivation] = useReactivateEnvironmentMutation({ refetchQueries: [{ query: EnvironmentsDocument }] });
  const active = environment.status === 'ACTIVE';

  const onToggle = async () => {
    try {
      if (active) {
        const confirmed = await confirm({
          title: `Deactivate “${environment.name}”?`,
          description: 'Its environment tokens and the access tokens of its users are rejected until you reactivate it.',
          confirmLabel: 'Deactivate',
          destructive: true,
        });
        if (!confirmed) return;
        await deactivate({ variables: { input: { id: environment.id } } });
        notify('The environment was deactivated.', 'success');
      } else {
        await reactivate({ variables: { input: { id: environment.id } } });
        notify('The environment was reactivated.', 'success');
      }
    } catch (error) {
      const [first] = readApiErrors(error);
      notify(first ? describeApiError(first) : 'The status could not be changed.', 'error');
    }
  };

  return (
    <SettingsSection
      title={active ? 'Deactivate' : 'Reactivate'}
      description={
        active
          ? 'Stops every token of this environment at once, for example after a leak, without deleting anything.'
          : 'This environment is deactivated. Reactivating it makes its tokens work again.'
      }
    >
      <Button variant="outlined" color={active ? 'error' : 'primary'} onClick={() => void onToggle()} loading={deactivation.loading || reactivation.loading}>
        {active ? 'Deactivate environment' : 'Reactivate environment'}
      </Button>
    </SettingsSection>
  );
}

/** Rename, allowed return URLs, deactivation and deletion of the environment. */
export function SettingsPage() {
  return (
    <PageContainer title="Settings" description="Settings of this environment.">
      <Stack spacing={3}>
        <RenameSection />
        <ReturnUrlsSection />
        <StatusSection />
        <DeleteEnvironmentSection />
      </Stack>
    </PageContainer>
  );
}
