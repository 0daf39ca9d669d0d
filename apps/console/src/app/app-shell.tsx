import ApiOutlined from '@mui/icons-material/ApiOutlined';
import BarChartOutlined from '@mui/icons-material/BarChartOutlined';
import DashboardOutlined from '@mui/icons-material/DashboardOutlined';
import ExtensionOutlined from '@mui/icons-material/ExtensionOutlined';
import KeyOutlined from '@mui/icons-material/KeyOutlined';
import MenuOutlined from '@mui/icons-material/MenuOutlined';
import PeopleOutlined from '@mui/icons-material/PeopleOutlined';
import SettingsOutlined from '@mui/icons-material/SettingsOutlined';
import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import Drawer from '@mui/material/Drawer';
import IconButton from '@mui/material/IconButton';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import Toolbar from '@mui/material/Toolbar';
import useMediaQuery from '@mui/material/useMediaQuery';
import type { Theme } from '@mui/material/styles';
import type { DeveloperFieldsFragment } from '@workapi/client';
import { useEffect, useState, type ReactNode } from 'react';
import { NavLink, useLocation } from 'react-router';
import { AccountMenu } from '../accounts/account-menu';
import { environmentPath, useEnvironmentRoute, type EnvironmentSection } from '../environments/current-environment';
import { EnvironmentSwitcher } from '../environments/environment-switcher';
import { OneTimeKeyProvider } from '../environments/one-time-key';
import { BrandLink } from './brand-link';
import { ConfirmProvider } from './confirm-dialog';
import { MAIN_CONTENT_ID, SkipLink } from './skip-link';
import { ColorModeToggle } from './theme/color-mode-toggle';

const SIDEBAR_WIDTH = 232;

const NAVIGATION: { section: EnvironmentSection; label: string; icon: ReactNode }[] = [
  { section: 'overview', label: 'Overview', icon: <DashboardOutlined /> },
  { section: 'providers', label: 'Providers', icon: <ExtensionOutlined /> },
  { section: 'users', label: 'Users', icon: <PeopleOutlined /> },
  { section: 'usage', label: 'Usage', icon: <BarChartOutlined /> },
  { section: 'keys', label: 'Keys', icon: <KeyOutlined /> },
  { section: 'playground', label: 'Playground', icon: <ApiOutlined /> },
  { section: 'settings', label: 'Settings', icon: <SettingsOutlined /> },
];

function EnvironmentNavigation({ environmentId, onNavigate }: { environmentId: string; onNavigate?: () => void }) {
  return (
    <Box component="nav" aria-label="Environment">
      <List sx={{ px: 1 }}>
        {NAVIGATION.map((item) => (
          <ListItem key={item.section} disablePadding sx={{ mb: 0.5 }}>
            <ListItemButton
              component={NavLink}
              to={environmentPath(environmentId, item.section)}
              onClick={onNavigate}
              sx={{
                borderRadius: 1,
                '&.active': { bgcolor: 'action.selected', color: 'primary.main', '& .MuiListItemIcon-root': { color: 'primary.main' } },
              }}
            >
              <ListItemIcon sx={{ minWidth: 40 }}>{item.icon}</ListItemIcon>
              <ListItemText primary={item.label} />
            </ListItemButton>
          </ListItem>
        ))}
      </List>
    </Box>
  );
}

/**
 * Frames signed-in pages: the app bar with the environment switcher, the color
 * mode toggle and the account menu, and, inside an environment, the sidebar of
 * its sections, which is a drawer opened from the menu button on small screens.
 */
export function AppShell({ viewer, children }: { viewer: DeveloperFieldsFragment; children: ReactNode }) {
  const { environmentId } = useEnvironmentRoute();
  const isDesktop = useMediaQuery((theme: Theme) => theme.breakpoints.up('md'), { noSsr: true });
  const [drawerOpen, setDrawerOpen] = useState(false);
  const location = useLocation();

  useEffect(() => setDrawerOpen(false), [location.pathname]);

  const showSidebar = environmentId !== null;

  return (
    <ConfirmProvider>
      <OneTimeKeyProvider>
        <SkipLink />
        <AppBar position="sticky" sx={{ zIndex: (theme) => theme.zIndex.drawer + 1 }}>
          <Toolbar sx={{ gap: { xs: 1, sm: 2 } }}>
            {showSidebar && !isDesktop ? (
              <IconButton edge="start" color="inherit" aria-label="Open navigation" onClick={() => setDrawerOpen(true)}>
                <MenuOutlined />
              </IconButton>
            ) : null}
            <Box sx={{ display: { xs: showSidebar ? 'none' : 'flex', sm: 'flex' } }}>
              <BrandLink />
            </Box>
            <EnvironmentSwitcher />
            <Box sx={{ flexGrow: 1 }} />
            <ColorModeToggle />
            <AccountMenu viewer={viewer} />
          </Toolbar>
        </AppBar>
        <Box sx={{ display: 'flex' }}>
          {showSidebar && isDesktop ? (
            <Drawer
              variant="permanent"
              sx={{
                width: SIDEBAR_WIDTH,
                flexShrink: 0,
                // The column runs the full height of the page, and the paper inside stays in view below the
                // sticky app bar, whose toolbar is 64px high from the sm breakpoint up.
                bgcolor: 'background.paper',
                borderRight: 1,
                borderColor: 'divider',
                '& .MuiDrawer-paper': {
                  width: SIDEBAR_WIDTH,
                  boxSizing: 'border-box',
                  position: 'sticky',
                  top: 64,
                  height: 'calc(100vh - 64px)',
                  border: 0,
                },
              }}
            >
              <EnvironmentNavigation environmentId={environmentId} />
            </Drawer>
          ) : null}
          {showSidebar && !isDesktop ? (
            <Drawer
              variant="temporary"
              open={drawerOpen}
              onClose={() => setDrawerOpen(false)}
              sx={{ '& .MuiDrawer-paper': { width: SIDEBAR_WIDTH } }}
            >
              <Toolbar>
                <BrandLink />
              </Toolbar>
              <EnvironmentNavigation environmentId={environmentId} onNavigate={() => setDrawerOpen(false)} />
            </Drawer>
          ) : null}
          <Box component="main" id={MAIN_CONTENT_ID} tabIndex={-1} sx={{ outline: 'none', flexGrow: 1, minWidth: 0 }}>
            {children}
          </Box>
        </Box>
      </OneTimeKeyProvider>
    </ConfirmProvider>
  );
}
