import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import Toolbar from '@mui/material/Toolbar';
import type { ReactNode } from 'react';
import { BrandLink } from './brand-link';
import { MAIN_CONTENT_ID, SkipLink } from './skip-link';
import { ColorModeToggle } from './theme/color-mode-toggle';

/** Frames pages seen without a session with an app bar that holds the product name and the color mode toggle. */
export function PublicShell({ children }: { children: ReactNode }) {
  return (
    <>
      <SkipLink />
      <AppBar position="sticky">
        <Toolbar sx={{ gap: 1 }}>
          <BrandLink />
          <Box sx={{ flexGrow: 1 }} />
          <ColorModeToggle />
        </Toolbar>
      </AppBar>
      <Box component="main" id={MAIN_CONTENT_ID} tabIndex={-1} sx={{ outline: 'none' }}>
        {children}
      </Box>
    </>
  );
}
