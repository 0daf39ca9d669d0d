import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { Link as RouterLink } from 'react-router';

/** Renders the product name in the app bar as a link to the console's home page. */
export function BrandLink() {
  return (
    <Box
      component={RouterLink}
      to="/"
      sx={{ display: 'flex', alignItems: 'center', gap: 1, color: 'text.primary', textDecoration: 'none', borderRadius: 1 }}
    >
      <Box component="img" src="/favicon.svg" alt="" sx={{ width: 28, height: 28 }} />
      <Typography component="span" variant="h3" sx={{ whiteSpace: 'nowrap' }}>
        Work API
      </Typography>
    </Box>
  );
}
