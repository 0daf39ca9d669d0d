import UploadFileOutlined from '@mui/icons-material/UploadFileOutlined';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import FormControlLabel from '@mui/material/FormControlLabel';
import Paper from '@mui/material/Paper';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { lazy, Suspense, useCallback, useId, useRef, useState } from 'react';
import { SectionLoading } from '../app/list-states';
import { PageContainer } from '../app/page-container';
import { useEnvironment } from '../environments/environment-context';
import { importEnvironmentSigner, InvalidPrivateKeyError, type EnvironmentSigner } from './environment-signer';
import type { QueryCost } from './query-cost';

// The editor is large: it loads only when the Playground opens.
const GraphiQLPanel = lazy(() => import('./graphiql-panel'));

type CredentialMode = 'environment' | 'user' | 'session';

function CostSummary({ cost }: { cost: QueryCost | null }) {
  if (!cost) {
    return (
      <Typography variant="body2" sx={{ color: 'text.secondary' }} role="status">
        The cost of each metered response appears here and in its <code>extensions.cost</code>.
      </Typography>
    );
  }
  const throttle = cost.throttleStatus;
  return (
    <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }} role="status" aria-label="Cost of the last response">
      <Chip size="small" color="primary" variant="outlined" label={`Actual cost: ${cost.actualQueryCost ?? '—'}`} />
      <Chip size="small" variant="outlined" label={`Requested: ${cost.requestedQueryCost ?? '—'} of ${cost.maximumQueryCost ?? '—'}`} />
      {throttle ? <Chip size="small" variant="outlined" label={`Bucket: ${throttle.currentlyAvailable} of ${throttle.maximumAvailable}`} /> : null}
      {cost.usage?.requestsUsed !== undefined ? <Chip size="small" variant="outlined" label={`Requests this month: ${cost.usage.requestsUsed}`} /> : null}
    </Stack>
  );
}

/**
 * GraphiQL with the schema's documentation. Requests carry an environment
 * token that this page signs with the loaded private key (a new one each
 * time), a pasted user access token, or only the console session.
 */
export function PlaygroundPage() {
  const environment = useEnvironment();
  const [mode, setMode] = useState<CredentialMode>('environment');
  const [signer, setSigner] = useState<EnvironmentSigner | null>(null);
  const [keyError, setKeyError] = useState<string | null>(null);
  const [userToken, setUserToken] = useState('');
  const [cost, setCost] = useState<QueryCost | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const modeLabelId = useId();

  // Read through refs, so that GraphiQL keeps one fetcher while the credential changes.
  const credential = useRef({ mode, signer, userToken, environmentId: environment.id });
  credential.current = { mode, signer, userToken, environmentId: environment.id };

  const authorize = useCallback(async () => {
    const current = credential.current;
    if (current.mode === 'environment' && current.signer) return `Bearer ${await current.signer.sign(current.environmentId)}`;
    if (current.mode === 'user' && current.userToken.trim()) return `Bearer ${current.userToken.trim()}`;
    return null;
  }, []);

  const loadKey = async (file: File | undefined) => {
    if (!file) return;
    setKeyError(null);
    try {
      setSigner(await importEnvironmentSigner(await file.text()));
    } catch (error) {
      setSigner(null);
      setKeyError(error instanceof InvalidPrivateKeyError ? error.message : 'The file could not be read as a private key.');
    } finally {
      if (fileInput.current) fileInput.current.value = '';
    }
  };

  return (
    <PageContainer title="Playground" description="Run queries against this environment. The schema documentation is in the Docs panel.">
      <Paper variant="outlined" sx={{ p: 2, mb: 2 }}>
        <Stack spacing={2}>
          <Box>
            <Typography id={modeLabelId} variant="subtitle2" component="p">
              Send requests as
            </Typography>
            <RadioGroup row aria-labelledby={modeLabelId} value={mode} onChange={(event) => setMode(event.target.value as CredentialMode)}>
              <FormControlLabel value="environment" control={<Radio />} label="Environment (signed with its private key)" />
              <FormControlLabel value="user" control={<Radio />} label="User access token" />
              <FormControlLabel value="session" control={<Radio />} label="Console session only" />
            </RadioGroup>
          </Box>
          {mode === 'environment' ? (
            <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ alignItems: { sm: 'center' } }}>
              <input
                ref={fileInput}
                type="file"
                accept=".pem,application/x-pem-file,text/plain"
                hidden
                aria-label="Private key file"
                data-testid="private-key-file"
                onChange={(event) => void loadKey(event.target.files?.[0])}
              />
              <Button variant="outlined" startIcon={<UploadFileOutlined />} onClick={() => fileInput.current?.click()}>
                Load private key file
              </Button>
              {signer ? (
                <Typography variant="body2" role="status">
                  Key loaded: {signer.algorithm}, kid <code>{signer.kid.slice(0, 12)}…</code>. It stays in this page; each request gets a new token.
                </Typography>
              ) : (
                <Typography variant="body2" sx={{ color: 'text.secondary' }}>
                  The key is read in your browser and never sent. Tokens are signed here for each request.
                </Typography>
              )}
              {signer ? (
                <Button onClick={() => setSigner(null)} sx={{ alignSelf: { xs: 'flex-start', sm: 'center' } }}>
                  Forget key
                </Button>
              ) : null}
            </Stack>
          ) : null}
          {keyError && mode === 'environment' ? <Alert severity="error">{keyError}</Alert> : null}
          {mode === 'user' ? (
            <TextField
              label="User access token"
              type="password"
              value={userToken}
              onChange={(event) => setUserToken(event.target.value)}
              placeholder="wat_…"
              autoComplete="off"
              helperText="Sent as Authorization: Bearer with each request."
              sx={{ maxWidth: 520 }}
            />
          ) : null}
          <CostSummary cost={cost} />
        </Stack>
      </Paper>
      <Paper variant="outlined" sx={{ height: { xs: 640, md: 'calc(100vh - 330px)' }, minHeight: 480, overflow: 'hidden' }}>
        <Suspense fallback={<SectionLoading label="Loading the Playground" />}>
          <GraphiQLPanel authorize={authorize} onCost={setCost} />
        </Suspense>
      </Paper>
    </PageContainer>
  );
}
