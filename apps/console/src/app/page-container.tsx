import Box from '@mui/material/Box';
import Container from '@mui/material/Container';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';

interface PageContainerProps {
  title: string;
  description?: ReactNode;
  /** Buttons shown beside the title, for example the page's main action. */
  actions?: ReactNode;
  children: ReactNode;
}

/** Lays out a signed-in page: its title (also the document title), optional actions, then the content. */
export function PageContainer({ title, description, actions, children }: PageContainerProps) {
  return (
    <Container maxWidth="lg" sx={{ py: { xs: 3, sm: 4 } }}>
      <title>{`${title} · Work API`}</title>
      <Stack
        direction={{ xs: 'column', sm: 'row' }}
        spacing={2}
        sx={{ mb: 3, alignItems: { xs: 'stretch', sm: 'flex-start' }, justifyContent: 'space-between' }}
      >
        <Box sx={{ minWidth: 0 }}>
          <Typography variant="h1">{title}</Typography>
          {description ? (
            <Typography variant="body1" sx={{ mt: 1, color: 'text.secondary' }}>
              {description}
            </Typography>
          ) : null}
        </Box>
        {actions ? <Stack direction="row" spacing={1} sx={{ flexShrink: 0 }}>{actions}</Stack> : null}
      </Stack>
      {children}
    </Container>
  );
}
