import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import { useRouteError } from 'react-router';

/**
 * Shown when a page fails to render or its code fails to load, which happens
 * when the console was updated while this tab still had the old version open.
 */
export function RouteErrorPage() {
  const error = useRouteError();
  console.error('Console page failed to render', error);

  return (
    <Box component="main" sx={{ maxWidth: 560, mx: 'auto', my: 8, px: 2 }}>
      <title>Error · Work API</title>
      <Alert
        severity="error"
        action={
          <Button color="inherit" size="small" onClick={() => window.location.reload()}>
            Reload
          </Button>
        }
      >
        <AlertTitle>This page could not be shown</AlertTitle>
        Reload the page to load the latest version of the console.
      </Alert>
    </Box>
  );
}
