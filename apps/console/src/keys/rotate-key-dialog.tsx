import { zodResolver } from '@hookform/resolvers/zod';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import { useRotateEnvironmentKeyMutation, type EnvironmentFieldsFragment } from '@workapi/client';
import { useId } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { useServerErrors } from '../app/forms/use-server-errors';
import { canGenerateInBrowser, generateBrowserKeyPair } from '../environments/key-pair';
import { KeySourceField } from '../environments/key-source-field';
import { useShowPrivateKey } from '../environments/one-time-key';

const rotateSchema = z.object({ generateInBrowser: z.boolean() });
type RotateForm = z.infer<typeof rotateSchema>;
const NO_FIELDS = [] as const;

/** Adds a key to the environment, while the current keys keep working for their grace period, then shows the new private key once. */
export function RotateKeyDialog({ open, onClose, environment }: { open: boolean; onClose: () => void; environment: EnvironmentFieldsFragment }) {
  const titleId = useId();
  const showPrivateKey = useShowPrivateKey();
  const [rotate] = useRotateEnvironmentKeyMutation();
  const form = useForm<RotateForm>({ resolver: zodResolver(rotateSchema), defaultValues: { generateInBrowser: canGenerateInBrowser() } });
  const { formError, showError, clearFormError } = useServerErrors({ setError: form.setError, fields: NO_FIELDS });

  const onSubmit = form.handleSubmit(async ({ generateInBrowser }) => {
    clearFormError();
    try {
      const pair = generateInBrowser ? await generateBrowserKeyPair() : null;
      const { data } = await rotate({ variables: { input: { environmentId: environment.id, publicKey: pair?.publicKeyPem } } });
      const result = data?.rotateEnvironmentKey;
      const privateKeyPem = pair?.privateKeyPem ?? result?.privateKey;
      if (!result || !privateKeyPem) throw new Error('rotateEnvironmentKey returned no private key.');
      onClose();
      showPrivateKey({ environmentId: environment.id, environmentName: environment.name, kid: result.key.kid, privateKeyPem });
    } catch (error) {
      showError(error);
    }
  });

  return (
    <Dialog open={open} onClose={onClose} aria-labelledby={titleId} maxWidth="sm" fullWidth>
      <form noValidate onSubmit={onSubmit} aria-label="Rotate key">
        <DialogTitle id={titleId}>Rotate the key of “{environment.name}”?</DialogTitle>
        <DialogContent>
          {formError ? (
            <Alert severity="error" sx={{ mb: 2 }}>
              {formError}
            </Alert>
          ) : null}
          <DialogContentText sx={{ mb: 2 }}>
            A new key pair is added. Tokens signed with the current keys are accepted until their grace period ends, so you can deploy the new
            private key first.
          </DialogContentText>
          <KeySourceField control={form.control} name="generateInBrowser" />
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="contained" loading={form.formState.isSubmitting}>
            Rotate key
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
