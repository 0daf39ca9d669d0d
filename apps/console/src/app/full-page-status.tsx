import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import { describeApiError, type ApiError } from './api-errors';

/** Fills the window with a spinner while the first data of a page loads. */
export function FullPageLoading() {
  return (
    <Box sx={{ minHeight: '60vh', display: 'grid', placeItems: 'center' }}>
      <CircularProgress aria-label="Loading" />
    </Box>
  );
}

/** Explains why the console could not load, with a button that tries again. */
export function FullPageError({ errors, onRetry }: { errors: ApiError[]; onRetry: () => void }) {
  const [firstError] = errors;

  return (
    <Box component="main" sx={{ maxWidth: 560, mx: 'auto', my: 8, px: 2 }}>
      <title>Error · Work API</title>
      <Alert
        severity="error"
        action={
          <Button color="inherit" size="small" onClick={onRetry}>
            Try again
          </Button>
        }
      >
        <AlertTitle>The console could not load</AlertTitle>
        {firstError ? describeApiError(firstError) : 'An unknown error occurred.'}
      </Alert>
    </Box>
  );
}
