import OpenInNewOutlined from '@mui/icons-material/OpenInNewOutlined';
import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { CopyButton } from '../app/copy-button';

/** The redirect URI to register at the provider, with a copy button and a link to the provider's documentation. */
export function RedirectUriField({ redirectUri, documentationUrl, providerName }: { redirectUri: string; documentationUrl?: string; providerName?: string }) {
  return (
    <Box sx={{ p: 2, borderRadius: 1, bgcolor: 'action.hover' }}>
      <Typography variant="subtitle2" component="p">
        Redirect URI to register at the provider
      </Typography>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, minWidth: 0 }}>
        <Typography component="code" sx={{ fontFamily: 'monospace', fontSize: '0.875rem', overflowWrap: 'anywhere', minWidth: 0 }}>
          {redirectUri}
        </Typography>
        <CopyButton value={redirectUri} label="Copy redirect URI" />
      </Box>
      {documentationUrl ? (
        <Link href={documentationUrl} target="_blank" rel="noreferrer" variant="body2" sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5 }}>
          {providerName ? `${providerName} documentation` : 'Provider documentation'}
          <OpenInNewOutlined fontSize="inherit" aria-label="(opens in a new tab)" />
        </Link>
      ) : null}
    </Box>
  );
}
