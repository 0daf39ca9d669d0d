import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Toolbar from '@mui/material/Toolbar';
import type { DeveloperFieldsFragment } from '@workapi/client';
import type { ReactNode } from 'react';
import { NavLink } from 'react-router';
import { AccountMenu } from '../accounts/account-menu';
import { BrandLink } from './brand-link';
import { MAIN_CONTENT_ID, SkipLink } from './skip-link';
import { ColorModeToggle } from './theme/color-mode-toggle';

const NAVIGATION = [{ to: '/environments', label: 'Environments' }];

/** Frames signed-in pages with an app bar that holds the navigation, the color mode toggle and the account menu. */
export function AppShell({ viewer, children }: { viewer: DeveloperFieldsFragment; children: ReactNode }) {
  return (
    <>
      <SkipLink />
      <AppBar position="sticky">
        <Toolbar sx={{ gap: { xs: 1, sm: 2 } }}>
          <BrandLink />
          <Box component="nav" aria-label="Main" sx={{ display: 'flex', gap: 0.5, ml: { xs: 0, sm: 2 }, minWidth: 0 }}>
            {NAVIGATION.map((item) => (
              <Button
                key={item.to}
                component={NavLink}
                to={item.to}
                color="inherit"
                sx={{
                  color: 'text.secondary',
                  '&.active': { color: 'primary.main', bgcolor: 'action.selected' },
                }}
              >
                {item.label}
              </Button>
            ))}
          </Box>
          <Box sx={{ flexGrow: 1 }} />
          <ColorModeToggle />
          <AccountMenu viewer={viewer} />
        </Toolbar>
      </AppBar>
      <Box component="main" id={MAIN_CONTENT_ID} tabIndex={-1} sx={{ outline: 'none' }}>
        {children}
      </Box>
    </>
  );
}
