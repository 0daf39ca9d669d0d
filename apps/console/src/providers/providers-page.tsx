import AddOutlined from '@mui/icons-material/AddOutlined';
import DeleteOutlined from '@mui/icons-material/DeleteOutlined';
import EditOutlined from '@mui/icons-material/EditOutlined';
import ExtensionOutlined from '@mui/icons-material/ExtensionOutlined';
import KeyOutlined from '@mui/icons-material/KeyOutlined';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import IconButton from '@mui/material/IconButton';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Tooltip from '@mui/material/Tooltip';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import useMediaQuery from '@mui/material/useMediaQuery';
import type { Theme } from '@mui/material/styles';
import { useEnvironmentProvidersQuery, useProviderCatalogQuery, type ProviderFieldsFragment } from '@workapi/client';
import { useState } from 'react';
import { EmptyState } from '../app/empty-state';
import { SectionError, SectionLoading } from '../app/list-states';
import { PageContainer } from '../app/page-container';
import { useEnvironment } from '../environments/environment-context';
import { AddProviderDialog } from './add-provider-dialog';
import { EditProviderDialog, RotateSecretDialog } from './edit-provider-dialog';
import { RemoveProviderDialog } from './remove-provider-dialog';

type ActionKind = 'edit' | 'secret' | 'remove';
type Action = { kind: ActionKind; provider: ProviderFieldsFragment } | null;

function shortScope(scope: string): string {
  return scope.replace(/^https:\/\/www\.googleapis\.com\/auth\//, '').replace(/^https:\/\/graph\.microsoft\.com\//, '');
}

function ScopeChips({ scopes }: { scopes: string[] }) {
  return (
    <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 0.5, maxWidth: 320 }}>
      {scopes.map((scope) => (
        <Chip key={scope} size="small" label={shortScope(scope)} title={scope} />
      ))}
    </Box>
  );
}

function ProviderActions({ name, onAction }: { name: string; onAction: (kind: ActionKind) => void }) {
  return (
    <>
      <Tooltip title="Edit">
        <IconButton aria-label={`Edit ${name}`} onClick={() => onAction('edit')}>
          <EditOutlined />
        </IconButton>
      </Tooltip>
      <Tooltip title="Rotate secret">
        <IconButton aria-label={`Rotate the secret of ${name}`} onClick={() => onAction('secret')}>
          <KeyOutlined />
        </IconButton>
      </Tooltip>
      <Tooltip title="Remove">
        <IconButton aria-label={`Remove ${name}`} color="error" onClick={() => onAction('remove')}>
          <DeleteOutlined />
        </IconButton>
      </Tooltip>
    </>
  );
}

/** On phones each provider is a card, because six columns do not fit. */
function ProviderCard({ provider, name, onAction }: { provider: ProviderFieldsFragment; name: string; onAction: (kind: ActionKind) => void }) {
  return (
    <Paper variant="outlined" component="li" sx={{ p: 2, listStyle: 'none' }}>
      <Typography variant="h3" component="h2" sx={{ mb: 1 }}>
        {name}
      </Typography>
      <Box component="dl" sx={{ m: 0, display: 'grid', gridTemplateColumns: 'auto 1fr', columnGap: 2, rowGap: 1, '& dt': { color: 'text.secondary' }, '& dd': { m: 0, minWidth: 0 } }}>
        <dt>Client ID</dt>
        <Box component="dd" sx={{ fontFamily: 'monospace', overflowWrap: 'anywhere' }}>
          {provider.clientId}
        </Box>
        <dt>Secret</dt>
        <Box component="dd" sx={{ fontFamily: 'monospace' }}>
          ••••{provider.clientSecretHint}
        </Box>
        <dt>Scopes</dt>
        <dd>
          <ScopeChips scopes={provider.scopes} />
        </dd>
        <dt>Connected</dt>
        <dd>{provider.connectedIntegrations}</dd>
      </Box>
      <Box sx={{ display: 'flex', justifyContent: 'flex-end', mt: 1 }}>
        <ProviderActions name={name} onAction={onAction} />
      </Box>
    </Paper>
  );
}

/** The environment's OAuth clients: add, edit, rotate the secret and remove. */
export function ProvidersPage() {
  const environment = useEnvironment();
  const providersQuery = useEnvironmentProvidersQuery({ variables: { environmentId: environment.id } });
  const catalogQuery = useProviderCatalogQuery();
  const phone = useMediaQuery((theme: Theme) => theme.breakpoints.down('sm'));
  const [adding, setAdding] = useState(false);
  const [action, setAction] = useState<Action>(null);

  const providers = providersQuery.data?.environment.providers;
  const catalog = catalogQuery.data?.providerCatalog ?? [];
  const entryOf = (kind: string) => catalog.find((entry) => entry.kind === kind);
  const nameOf = (kind: string) => entryOf(kind)?.displayName ?? kind;
  const addable = catalog.filter((entry) => entry.requiresConfiguration && !providers?.some((provider) => provider.kind === entry.kind));
  // NOTE: before the first provider exists no query returns the redirect URI, so the console's own origin stands in.
  // That is wrong when WORKAPI_PUBLIC_URL differs from the address the console was opened at (a proxy, the dev server).
  const redirectUri = providers?.[0]?.redirectUri ?? `${window.location.origin}/oauth/callback`;
  const error = providersQuery.error ?? catalogQuery.error;
  const ready = providers !== undefined && catalogQuery.data !== undefined;

  const addButton = (
    <Button variant="contained" startIcon={<AddOutlined />} onClick={() => setAdding(true)} disabled={!ready || addable.length === 0}>
      Add Provider
    </Button>
  );

  return (
    <PageContainer
      title="Providers"
      description="Your OAuth clients at Google and Microsoft. Users of this environment connect their accounts through them. The sandbox provider is always available."
      actions={providers && providers.length > 0 ? addButton : undefined}
    >
      {error && !ready ? (
        <SectionError
          error={error}
          onRetry={() => {
            void providersQuery.refetch();
            void catalogQuery.refetch();
          }}
        />
      ) : null}
      {!error && !ready ? <SectionLoading label="Loading providers" /> : null}
      {ready && providers.length === 0 ? (
        <EmptyState
          icon={<ExtensionOutlined />}
          title="No providers yet"
          description="Add the OAuth client you registered at Google or Microsoft, so that your users can connect Gmail, Outlook and their calendars. Until then, try the built-in sandbox provider."
          action={addButton}
        />
      ) : null}
      {ready && providers.length > 0 && phone ? (
        <Stack component="ul" spacing={2} aria-label="Providers" sx={{ p: 0, m: 0 }}>
          {providers.map((provider) => (
            <ProviderCard key={provider.id} provider={provider} name={nameOf(provider.kind)} onAction={(kind) => setAction({ kind, provider })} />
          ))}
        </Stack>
      ) : null}
      {ready && providers.length > 0 && !phone ? (
        <TableContainer component={Paper} variant="outlined">
          <Table aria-label="Providers">
            <TableHead>
              <TableRow>
                <TableCell>Provider</TableCell>
                <TableCell>Client ID</TableCell>
                <TableCell>Client secret</TableCell>
                <TableCell>Scopes</TableCell>
                <TableCell align="right">Connected</TableCell>
                <TableCell align="right">Actions</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {providers.map((provider) => (
                <TableRow key={provider.id}>
                  <TableCell component="th" scope="row">
                    {nameOf(provider.kind)}
                  </TableCell>
                  <TableCell sx={{ fontFamily: 'monospace', overflowWrap: 'anywhere', maxWidth: 220 }}>{provider.clientId}</TableCell>
                  <TableCell sx={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }} aria-label={`Secret ending in ${provider.clientSecretHint}`}>
                    ••••{provider.clientSecretHint}
                  </TableCell>
                  <TableCell>
                    <ScopeChips scopes={provider.scopes} />
                  </TableCell>
                  <TableCell align="right">{provider.connectedIntegrations}</TableCell>
                  <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                    <ProviderActions name={nameOf(provider.kind)} onAction={(kind) => setAction({ kind, provider })} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      ) : null}
      {ready && providers.length > 0 ? (
        <Typography variant="body2" sx={{ mt: 2, color: 'text.secondary', overflowWrap: 'anywhere' }}>
          Redirect URI for every provider: <code>{redirectUri}</code>
        </Typography>
      ) : null}

      <AddProviderDialog open={adding} onClose={() => setAdding(false)} environmentId={environment.id} catalog={addable} redirectUri={redirectUri} />
      <EditProviderDialog
        provider={action?.kind === 'edit' ? action.provider : null}
        providerName={action ? nameOf(action.provider.kind) : ''}
        documentationUrl={action ? entryOf(action.provider.kind)?.documentationUrl : undefined}
        onClose={() => setAction(null)}
      />
      <RotateSecretDialog provider={action?.kind === 'secret' ? action.provider : null} providerName={action ? nameOf(action.provider.kind) : ''} onClose={() => setAction(null)} />
      <RemoveProviderDialog provider={action?.kind === 'remove' ? action.provider : null} providerName={action ? nameOf(action.provider.kind) : ''} onClose={() => setAction(null)} />
    </PageContainer>
  );
}
