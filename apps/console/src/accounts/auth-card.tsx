import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Container from '@mui/material/Container';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';

interface AuthCardProps {
  title: string;
  subtitle?: string;
  children: ReactNode;
  /** Shown below the card, for example a link to the other form. */
  footer?: ReactNode;
}

/** Frames the sign-in and sign-up forms in a narrow card with the page title. */
export function AuthCard({ title, subtitle, children, footer }: AuthCardProps) {
  return (
    <Container maxWidth="xs" sx={{ py: { xs: 4, sm: 8 } }}>
      <title>{`${title} · Work API`}</title>
      <Card>
        <CardContent sx={{ p: { xs: 3, sm: 4 } }}>
          <Typography variant="h1" sx={{ mb: subtitle ? 1 : 3 }}>
            {title}
          </Typography>
          {subtitle ? (
            <Typography variant="body2" sx={{ mb: 3, color: 'text.secondary' }}>
              {subtitle}
            </Typography>
          ) : null}
          {children}
        </CardContent>
      </Card>
      {footer ? (
        <Typography variant="body2" sx={{ mt: 3, textAlign: 'center' }}>
          {footer}
        </Typography>
      ) : null}
    </Container>
  );
}
