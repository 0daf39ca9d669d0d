import AutorenewOutlined from '@mui/icons-material/AutorenewOutlined';
import BlockOutlined from '@mui/icons-material/BlockOutlined';
import DownloadOutlined from '@mui/icons-material/DownloadOutlined';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import IconButton from '@mui/material/IconButton';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useEnvironmentKeysQuery, useRevokeEnvironmentKeyMutation, type EnvironmentKeyFieldsFragment } from '@workapi/client';
import { useState } from 'react';
import { describeApiError, readApiErrors } from '../app/api-errors';
import { useConfirm } from '../app/confirm-dialog';
import { downloadText } from '../app/download';
import { formatDateTime } from '../app/format';
import { SectionError, SectionLoading } from '../app/list-states';
import { MonospaceValue } from '../app/monospace-value';
import { useNotify } from '../app/notifications';
import { PageContainer } from '../app/page-container';
import { useEnvironment } from '../environments/environment-context';
import { RotateKeyDialog } from './rotate-key-dialog';
import { SdkSample } from './sdk-sample';

const STATUS_COLORS = { ACTIVE: 'success', EXPIRING: 'warning', EXPIRED: 'default', REVOKED: 'error' } as const;
const STATUS_LABELS = { ACTIVE: 'Active', EXPIRING: 'Expiring', EXPIRED: 'Expired', REVOKED: 'Revoked' } as const;

function KeyRow({ environmentId, environmentKey }: { environmentId: string; environmentKey: EnvironmentKeyFieldsFragment }) {
  const confirm = useConfirm();
  const notify = useNotify();
  const [revoke, { loading }] = useRevokeEnvironmentKeyMutation();
  const usable = environmentKey.status === 'ACTIVE' || environmentKey.status === 'EXPIRING';
  const shortKid = environmentKey.kid.slice(0, 12);

  const onRevoke = async () => {
    const confirmed = await confirm({
      title: 'Revoke this key?',
      description: `Tokens signed with key ${shortKid}… are rejected from the next request on. This cannot be undone.`,
      confirmLabel: 'Revoke key',
      destructive: true,
    });
    if (!confirmed) return;
    try {
      await revoke({ variables: { input: { environmentId, kid: environmentKey.kid } } });
      notify('The key was revoked.', 'success');
    } catch (error) {
      const [first] = readApiErrors(error);
      notify(first ? describeApiError(first) : 'The key could not be revoked.', 'error');
    }
  };

  return (
    <TableRow>
      <TableCell>
        <Tooltip title={environmentKey.kid}>
          <Typography component="code" sx={{ fontFamily: 'monospace', fontSize: '0.8125rem' }}>
            {shortKid}…
          </Typography>
        </Tooltip>
      </TableCell>
      <TableCell>{environmentKey.algorithm}</TableCell>
      <TableCell>
        <Chip size="small" label={STATUS_LABELS[environmentKey.status]} color={STATUS_COLORS[environmentKey.status]} variant="outlined" />
      </TableCell>
      <TableCell>{formatDateTime(environmentKey.createdAt)}</TableCell>
      <TableCell>{formatDateTime(environmentKey.expiresAt)}</TableCell>
      <TableCell>{formatDateTime(environmentKey.revokedAt)}</TableCell>
      <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
        <Tooltip title="Download public key (PEM)">
          <IconButton
            aria-label={`Download public key ${shortKid} as PEM`}
            onClick={() => downloadText(`workapi-public-${environmentKey.kid.slice(0, 8)}.pem`, environmentKey.publicKeyPem)}
          >
            <DownloadOutlined />
          </IconButton>
        </Tooltip>
        {usable ? (
          <Tooltip title="Revoke">
            <IconButton aria-label={`Revoke key ${shortKid}`} onClick={() => void onRevoke()} disabled={loading} color="error">
              <BlockOutlined />
            </IconButton>
          </Tooltip>
        ) : null}
      </TableCell>
    </TableRow>
  );
}

/** The environment's id, its public keys, rotation and revocation, and how to sign tokens with the SDK. */
export function KeysPage() {
  const environment = useEnvironment();
  const { data, error, refetch } = useEnvironmentKeysQuery({ variables: { id: environment.id } });
  const [rotating, setRotating] = useState(false);
  const origin = window.location.origin;
  const keys = data?.environment.keys;

  return (
    <PageContainer
      title="Keys"
      description="Your backend signs short-lived environment tokens with the environment's private key; Work API checks them with these public keys."
      actions={
        <Button variant="contained" startIcon={<AutorenewOutlined />} onClick={() => setRotating(true)}>
          Rotate key
        </Button>
      }
    >
      <Paper variant="outlined" sx={{ p: { xs: 2, sm: 3 }, mb: 3 }}>
        <Stack spacing={2}>
          <MonospaceValue label="Environment ID" value={environment.id} />
          <MonospaceValue label="JWKS URL" value={`${origin}/environments/${environment.id}/jwks.json`} />
          <MonospaceValue label="Public key URL (PEM)" value={`${origin}/environments/${environment.id}/public-key.pem`} />
        </Stack>
      </Paper>

      <Typography variant="h2" sx={{ mb: 2 }}>
        Public keys
      </Typography>
      {error && !keys ? <SectionError error={error} onRetry={() => void refetch()} /> : null}
      {!error && !keys ? <SectionLoading label="Loading keys" /> : null}
      {keys && keys.length === 0 ? (
        <Typography sx={{ color: 'text.secondary', mb: 3 }}>This environment has no keys. Rotate to add one.</Typography>
      ) : null}
      {keys && keys.length > 0 ? (
        <TableContainer component={Paper} variant="outlined" sx={{ mb: 4 }}>
          <Table aria-label="Public keys" size="small">
            <TableHead>
              <TableRow>
                <TableCell>Key ID (kid)</TableCell>
                <TableCell>Algorithm</TableCell>
                <TableCell>Status</TableCell>
                <TableCell>Created</TableCell>
                <TableCell>Expires</TableCell>
                <TableCell>Revoked</TableCell>
                <TableCell align="right">Actions</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {keys.map((key) => (
                <KeyRow key={key.kid} environmentId={environment.id} environmentKey={key} />
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      ) : null}

      <Typography variant="h2" sx={{ mb: 2 }}>
        Sign a token with the SDK
      </Typography>
      <SdkSample environmentId={environment.id} />
      <RotateKeyDialog open={rotating} onClose={() => setRotating(false)} environment={environment} />
    </PageContainer>
  );
}
