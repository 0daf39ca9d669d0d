import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';

interface EmptyStateProps {
  icon: ReactNode;
  title: string;
  description: ReactNode;
  /** The action that fills the list, for example a "Create" button. */
  action?: ReactNode;
}

/** Shown in place of a list that has no items yet. */
export function EmptyState({ icon, title, description, action }: EmptyStateProps) {
  return (
    <Paper
      variant="outlined"
      sx={{ px: { xs: 3, sm: 6 }, py: { xs: 5, sm: 8 }, textAlign: 'center', borderStyle: 'dashed' }}
    >
      <Box sx={{ color: 'primary.main', mb: 2, '& svg': { fontSize: 48 } }} aria-hidden>
        {icon}
      </Box>
      <Typography variant="h2" sx={{ mb: 1 }}>
        {title}
      </Typography>
      <Typography variant="body1" sx={{ color: 'text.secondary', maxWidth: 520, mx: 'auto', mb: action ? 3 : 0 }}>
        {description}
      </Typography>
      {action}
    </Paper>
  );
}
