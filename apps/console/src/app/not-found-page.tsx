import Button from '@mui/material/Button';
import Container from '@mui/material/Container';
import Typography from '@mui/material/Typography';
import { Link as RouterLink } from 'react-router';
import { PublicShell } from './public-shell';

/** Shown for a console path that matches no page. */
export function NotFoundPage() {
  return (
    <PublicShell>
      <Container maxWidth="sm" sx={{ py: 8, textAlign: 'center' }}>
        <title>Page not found · Work API</title>
        <Typography variant="h1" sx={{ mb: 2 }}>
          Page not found
        </Typography>
        <Typography variant="body1" sx={{ mb: 3, color: 'text.secondary' }}>
          No console page has this address. It may have moved, or the link may be mistyped.
        </Typography>
        <Button component={RouterLink} to="/" variant="contained">
          Go to the console
        </Button>
      </Container>
    </PublicShell>
  );
}
