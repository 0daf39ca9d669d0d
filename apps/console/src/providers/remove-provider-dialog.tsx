import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import { EnvironmentProvidersDocument, useRemoveProviderMutation, type ProviderFieldsFragment } from '@workapi/client';
import { useEffect, useId, useState } from 'react';
import { describeApiError, readApiErrors } from '../app/api-errors';
import { useNotify } from '../app/notifications';

function integrationsText(count: number): string {
  return count === 1 ? '1 connected integration' : `${count} connected integrations`;
}

/**
 * Removes a provider. When integrations are connected, the developer must tick
 * that they will be disconnected, which sends `force`. A CONFLICT from the
 * server (someone connected meanwhile) updates the count and asks again.
 */
export function RemoveProviderDialog({ provider, providerName, onClose }: { provider: ProviderFieldsFragment | null; providerName: string; onClose: () => void }) {
  const titleId = useId();
  const notify = useNotify();
  const [connected, setConnected] = useState(0);
  const [force, setForce] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [remove, { loading }] = useRemoveProviderMutation();

  useEffect(() => {
    if (provider) {
      setConnected(provider.connectedIntegrations);
      setForce(false);
      setError(null);
    }
  }, [provider]);

  const onRemove = async () => {
    if (!provider) return;
    setError(null);
    try {
      const { data } = await remove({
        variables: { input: { id: provider.id, force: connected > 0 ? force : false } },
        refetchQueries: [{ query: EnvironmentProvidersDocument, variables: { environmentId: provider.environmentId } }],
        awaitRefetchQueries: true,
      });
      const disconnected = data?.removeProvider.disconnectedIntegrations ?? 0;
      notify(disconnected > 0 ? `${providerName} was removed and ${integrationsText(disconnected)} disconnected.` : `${providerName} was removed.`, 'success');
      onClose();
    } catch (caught) {
      const [first] = readApiErrors(caught);
      if (first?.code === 'CONFLICT') {
        const count = (caught as { errors?: { extensions?: { connectedIntegrations?: unknown } }[] }).errors?.[0]?.extensions?.connectedIntegrations;
        setConnected(typeof count === 'number' ? count : Math.max(connected, 1));
        setForce(false);
        setError('Users connected integrations meanwhile. Confirm that they will be disconnected.');
        return;
      }
      setError(first ? describeApiError(first) : 'The provider could not be removed.');
    }
  };

  return (
    <Dialog open={provider !== null} onClose={onClose} aria-labelledby={titleId} maxWidth="xs" fullWidth>
      <DialogTitle id={titleId}>Remove {providerName}?</DialogTitle>
      <DialogContent>
        {error ? (
          <Alert severity="error" sx={{ mb: 2 }}>
            {error}
          </Alert>
        ) : null}
        <DialogContentText sx={{ mb: connected > 0 ? 2 : 0 }}>
          {connected > 0
            ? `${providerName} has ${integrationsText(connected)}. Removing it disconnects them and deletes their stored tokens; users must connect again after you add it back.`
            : `No integrations use ${providerName}. Users cannot connect it until you add it again.`}
        </DialogContentText>
        {connected > 0 ? (
          <FormControlLabel
            control={<Checkbox checked={force} onChange={(event) => setForce(event.target.checked)} />}
            label={`Disconnect ${integrationsText(connected)}`}
          />
        ) : null}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="contained" color="error" onClick={() => void onRemove()} loading={loading} disabled={connected > 0 && !force}>
          Remove provider
        </Button>
      </DialogActions>
    </Dialog>
  );
}
