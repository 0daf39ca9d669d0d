import DownloadOutlined from '@mui/icons-material/DownloadOutlined';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import useMediaQuery from '@mui/material/useMediaQuery';
import type { Theme } from '@mui/material/styles';
import { useId, useState } from 'react';
import { CopyButton } from '../app/copy-button';
import { downloadText } from '../app/download';
import { useUnsavedKeyGuard } from './unsaved-key-guard';

export interface OneTimeKey {
  environmentId: string;
  environmentName: string;
  kid: string;
  privateKeyPem: string;
}

/** File name of a downloaded private key: the environment's name and the start of the key id. */
export function privateKeyFileName(key: OneTimeKey): string {
  const slug = key.environmentName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'environment';
  return `workapi-${slug}-${key.kid.slice(0, 8)}.pem`;
}

/**
 * The one chance to save an environment's private key. The dialog ignores
 * Escape and clicks outside, and leaving the page asks first, until the
 * developer confirms that the key is saved. Then the key is dropped from memory.
 */
export function PrivateKeyDialog({ oneTimeKey, onDone }: { oneTimeKey: OneTimeKey | null; onDone: () => void }) {
  const [saved, setSaved] = useState(false);
  const titleId = useId();
  const fullScreen = useMediaQuery((theme: Theme) => theme.breakpoints.down('sm'));
  useUnsavedKeyGuard(oneTimeKey !== null);

  const finish = () => {
    setSaved(false);
    onDone();
  };

  // Without onClose, Escape and clicks outside leave the dialog open, so only Done closes it.
  return (
    <Dialog open={oneTimeKey !== null} aria-labelledby={titleId} maxWidth="sm" fullWidth fullScreen={fullScreen}>
      <DialogTitle id={titleId}>Save your private key</DialogTitle>
      {oneTimeKey ? (
        <DialogContent>
          <Stack spacing={2}>
            <Alert severity="warning">
              <AlertTitle>This is the only time the key is shown</AlertTitle>
              Work API does not keep the private key of “{oneTimeKey.environmentName}” and cannot show it again. Your backend needs it to
              sign environment tokens. If you lose it, rotate the key to get a new one.
            </Alert>
            <TextField
              label="Private key (PKCS#8 PEM)"
              value={oneTimeKey.privateKeyPem}
              multiline
              minRows={4}
              maxRows={8}
              slotProps={{ input: { readOnly: true, sx: { fontFamily: 'monospace', fontSize: '0.8125rem' } } }}
            />
            <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1}>
              <Button
                variant="contained"
                startIcon={<DownloadOutlined />}
                onClick={() => downloadText(privateKeyFileName(oneTimeKey), oneTimeKey.privateKeyPem)}
              >
                Download .pem
              </Button>
              <CopyButton value={oneTimeKey.privateKeyPem} label="Copy to clipboard" variant="button" />
            </Stack>
            <FormControlLabel
              control={<Checkbox checked={saved} onChange={(event) => setSaved(event.target.checked)} />}
              label="I have saved my private key"
            />
          </Stack>
        </DialogContent>
      ) : null}
      <DialogActions>
        <Button variant="contained" disabled={!saved} onClick={finish}>
          Done
        </Button>
      </DialogActions>
    </Dialog>
  );
}
