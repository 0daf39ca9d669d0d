import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { CopyButton } from '../app/copy-button';

function sample(environmentId: string, origin: string): string {
  return `import { readFileSync } from 'node:fs';
import { signEnvironmentToken } from '@workapi/sdk';

// Sign a new token for every request: each one is accepted once.
const token = await signEnvironmentToken({
  environmentId: '${environmentId}',
  privateKey: readFileSync('workapi-private-key.pem', 'utf8'),
  ttlSeconds: 60,
});

const response = await fetch('${origin}/graphql', {
  method: 'POST',
  headers: { 'content-type': 'application/json', authorization: \`Bearer \${token}\` },
  body: JSON.stringify({ query: '{ currentEnvironment { id name } }' }),
});
console.log(await response.json());
`;
}

/** A short Node example that signs an environment token with @workapi/sdk and calls the API. */
export function SdkSample({ environmentId }: { environmentId: string }) {
  const code = sample(environmentId, window.location.origin);
  return (
    <Paper variant="outlined">
      <Box sx={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', px: 2, py: 0.5, borderBottom: 1, borderColor: 'divider' }}>
        <Typography variant="body2" component="p" sx={{ color: 'text.secondary' }}>
          Node.js, with <code>@workapi/sdk</code>
        </Typography>
        <CopyButton value={code} label="Copy code sample" />
      </Box>
      <Box
        component="pre"
        tabIndex={0}
        aria-label="SDK code sample"
        sx={{ m: 0, p: 2, overflowX: 'auto', fontFamily: 'monospace', fontSize: '0.8125rem', lineHeight: 1.6 }}
      >
        <code>{code}</code>
      </Box>
    </Paper>
  );
}
