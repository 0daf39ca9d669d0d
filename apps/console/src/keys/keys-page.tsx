import AutorenewOutlined from '@mui/icons-material/AutorenewOutlined';
import BlockOutlined from '@mui/icons-material/BlockOutlined';
import DownloadOutlined from '@mui/icons-material/DownloadOutlined';
import Box from '@mui/material/Box';
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
import useMediaQuery from '@mui/material/useMediaQuery';
import type { Theme } from '@mui/material/styles';
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

interface KeyRowProps {
  environmentId: string;
  environmentKey: EnvironmentKeyFieldsFragment;
  layout: 'row' | 'card';
}

function KeyRow({ environmentId, environmentKey, layout }: KeyRowProps) {
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

  const kid = (
    <Tooltip title={environmentKey.kid}>
      <Typography component="code" sx={{ fontFamily: 'monospace', fontSize: '0.8125rem' }}>
        {shortKid}…
      </Typography>
    </Tooltip>
  );
  const status = <Chip size="small" label={STATUS_LABELS[environmentKey.status]} color={STATUS_COLORS[environmentKey.status]} variant="outlined" />;
  const actions = (
    <>
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
    </>
  );

  if (layout === 'card') {
    // Phones get a card per key, because seven columns do not fit.
    return (
      <Paper component="li" variant="outlined" sx={{ p: 2, listStyle: 'none' }}>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mb: 1 }}>
          {kid}
          {status}
          <Box sx={{ flexGrow: 1 }} />
          {actions}
        </Box>
        <Box component="dl" sx={{ m: 0, display: 'grid', gridTemplateColumns: 'auto 1fr', columnGap: 2, rowGap: 0.5, '& dt': { color: 'text.secondary' }, '& dd': { m: 0 } }}>
          <dt>Algorithm</dt>
          <dd>{environmentKey.algorithm}</dd>
          <dt>Created</dt>
          <dd>{formatDateTime(environmentKey.createdAt)}</dd>
          {environmentKey.expiresAt ? (
            <>
              <dt>Expires</dt>
              <dd>{formatDateTime(environmentKey.expiresAt)}</dd>
            </>
          ) : null}
          {environmentKey.revokedAt ? (
            <>
              <dt>Revoked</dt>
              <dd>{formatDateTime(environmentKey.revokedAt)}</dd>
            </>
          ) : null}
        </Box>
      </Paper>
    );
  }

  return (
    <TableRow>
      <TableCell>{kid}</TableCell>
      <TableCell>{environmentKey.algorithm}</TableCell>
      <TableCell>{status}</TableCell>
      <TableCell>{formatDateTime(environmentKey.createdAt)}</TableCell>
      <TableCell>{formatDateTime(environmentKey.expiresAt)}</TableCell>
      <TableCell>{formatDateTime(environmentKey.revokedAt)}</TableCell>
      <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
        {actions}
      </TableCell>
    </TableRow>
  );
}

/** The environment's id, its public keys, rotation and revocation, and how to sign tokens with the SDK. */
export function KeysPage() {
  const environment = useEnvironment();
  const { data, error, refetch } = useEnvironmentKeysQuery({ variables: { id: environment.id } });
  const phone = useMediaQuery((theme: Theme) => theme.breakpoints.down('sm'));
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
      {keys && keys.length > 0 && phone ? (
        <Stack component="ul" spacing={2} aria-label="Public keys" sx={{ p: 0, m: 0, mb: 4 }}>
          {keys.map((key) => (
            <KeyRow key={key.kid} environmentId={environment.id} environmentKey={key} layout="card" />
          ))}
        </Stack>
      ) : null}
      {keys && keys.length > 0 && !phone ? (
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
                <KeyRow key={key.kid} environmentId={environment.id} environmentKey={key} layout="row" />
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
