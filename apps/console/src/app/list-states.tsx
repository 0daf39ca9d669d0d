import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import { describeApiError, readApiErrors } from './api-errors';

/** Shown while a list or a page section loads. */
export function SectionLoading({ label }: { label: string }) {
  return (
    <Box sx={{ display: 'grid', placeItems: 'center', py: 6 }}>
      <CircularProgress aria-label={label} />
    </Box>
  );
}

/** Explains why a list or section could not load, with a retry button. */
export function SectionError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const [first] = readApiErrors(error);
  return (
    <Alert
      severity="error"
      action={
        <Button color="inherit" size="small" onClick={onRetry}>
          Try again
        </Button>
      }
    >
      {first ? describeApiError(first) : 'The request failed.'}
    </Alert>
  );
}
