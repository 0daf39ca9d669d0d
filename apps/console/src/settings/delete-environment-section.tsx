import { zodResolver } from '@hookform/resolvers/zod';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import { EnvironmentsDocument, useDeleteEnvironmentMutation } from '@workapi/client';
import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useNavigate } from 'react-router';
import { z } from 'zod';
import { FormTextField } from '../app/forms/form-text-field';
import { useServerErrors } from '../app/forms/use-server-errors';
import { useNotify } from '../app/notifications';
import { useEnvironment } from '../environments/environment-context';
import { SettingsSection } from './settings-section';

const FIELDS = ['confirmName'] as const;

/** Deletes the environment once its exact name is typed back. */
export function DeleteEnvironmentSection() {
  const environment = useEnvironment();
  const navigate = useNavigate();
  const notify = useNotify();
  const [open, setOpen] = useState(false);
  const titleId = useId();
  const schema = z.object({
    confirmName: z.string().refine((value) => value === environment.name, 'Type the name exactly as shown'),
  });
  const form = useForm<{ confirmName: string }>({ resolver: zodResolver(schema), defaultValues: { confirmName: '' } });
  const { formError, showError, clearFormError } = useServerErrors({ setError: form.setError, fields: FIELDS });
  const [deleteEnvironment] = useDeleteEnvironmentMutation({
    update: (cache, { data }) => {
      if (!data) return;
      cache.updateQuery({ query: EnvironmentsDocument }, (current) =>
        current ? { environments: current.environments.filter((item) => item.id !== data.deleteEnvironment.deletedEnvironmentId) } : current,
      );
    },
  });

  const onSubmit = form.handleSubmit(async ({ confirmName }) => {
    clearFormError();
    try {
      await deleteEnvironment({ variables: { input: { id: environment.id, confirmName } } });
      setOpen(false);
      notify(`“${environment.name}” was deleted.`, 'success');
      navigate('/environments', { replace: true });
    } catch (error) {
      showError(error);
    }
  });

  return (
    <SettingsSection title="Delete environment" description="Revokes its keys, so every token stops working. Its usage records are kept for billing. This cannot be undone.">
      <Button
        variant="contained"
        color="error"
        onClick={() => {
          form.reset({ confirmName: '' });
          clearFormError();
          setOpen(true);
        }}
      >
        Delete environment
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} aria-labelledby={titleId} maxWidth="xs" fullWidth>
        <form noValidate onSubmit={onSubmit} aria-label="Delete environment">
          <DialogTitle id={titleId}>Delete “{environment.name}”?</DialogTitle>
          <DialogContent>
            {formError ? (
              <Alert severity="error" sx={{ mb: 2 }}>
                {formError}
              </Alert>
            ) : null}
            <DialogContentText sx={{ mb: 2 }}>Type the environment's name to confirm.</DialogContentText>
            <FormTextField control={form.control} name="confirmName" label="Environment name" required autoComplete="off" autoFocus />
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setOpen(false)}>Cancel</Button>
            <Button type="submit" variant="contained" color="error" loading={form.formState.isSubmitting}>
              Delete
            </Button>
          </DialogActions>
        </form>
      </Dialog>
    </SettingsSection>
  );
}
