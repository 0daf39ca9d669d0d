import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { CopyButton } from './copy-button';

/** A label and an identifier or URL in monospace that wraps instead of overflowing, with a copy button. */
export function MonospaceValue({ label, value }: { label: string; value: string }) {
  return (
    <Box>
      <Typography variant="body2" component="p" sx={{ color: 'text.secondary' }}>
        {label}
      </Typography>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, minWidth: 0 }}>
        <Typography component="code" sx={{ fontFamily: 'monospace', fontSize: '0.875rem', overflowWrap: 'anywhere', minWidth: 0 }}>
          {value}
        </Typography>
        <CopyButton value={value} label={`Copy ${label.toLowerCase()}`} />
      </Box>
    </Box>
  );
}
