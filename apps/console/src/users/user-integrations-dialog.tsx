import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Typography from '@mui/material/Typography';
import { useUserIntegrationsQuery, type EnvironmentUserFieldsFragment } from '@workapi/client';
import { useId } from 'react';
import { formatDateTime } from '../app/format';
import { SectionError, SectionLoading } from '../app/list-states';

const STATUS_COLORS = { ACTIVE: 'success', PENDING: 'info', NEEDS_REAUTHORIZATION: 'warning', FAILED: 'error', DISCONNECTED: 'default' } as const;

function IntegrationList({ user }: { user: EnvironmentUserFieldsFragment }) {
  const { data, error, refetch } = useUserIntegrationsQuery({ variables: { environmentId: user.environmentId, userId: user.id } });
  if (error && !data) return <SectionError error={error} onRetry={() => void refetch()} />;
  if (!data) return <SectionLoading label="Loading integrations" />;
  if (data.integrations.length === 0) {
    return <Typography sx={{ color: 'text.secondary' }}>This user has not connected any account yet.</Typography>;
  }
  return (
    <List aria-label="Integrations">
      {data.integrations.map((integration) => (
        <ListItem key={integration.id} divider secondaryAction={<Chip size="small" variant="outlined" label={integration.status.replace(/_/g, ' ').toLowerCase()} color={STATUS_COLORS[integration.status]} />}>
          <ListItemText
            primary={integration.kind.replace(/_/g, ' ')}
            secondary={[integration.accountEmail, integration.connectedAt ? `connected ${formatDateTime(integration.connectedAt)}` : null, integration.failureReason]
              .filter(Boolean)
              .join(' · ')}
          />
        </ListItem>
      ))}
    </List>
  );
}

/** The integrations of one user, with their status. */
export function UserIntegrationsDialog({ user, onClose }: { user: EnvironmentUserFieldsFragment | null; onClose: () => void }) {
  const titleId = useId();
  return (
    <Dialog open={user !== null} onClose={onClose} aria-labelledby={titleId} maxWidth="sm" fullWidth>
      <DialogTitle id={titleId} sx={{ overflowWrap: 'anywhere' }}>
        Integrations of {user?.externalId}
      </DialogTitle>
      <DialogContent>{user ? <IntegrationList user={user} /> : null}</DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}
