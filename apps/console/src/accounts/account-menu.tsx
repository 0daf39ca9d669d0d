import LogoutOutlined from '@mui/icons-material/LogoutOutlined';
import PersonOutlined from '@mui/icons-material/PersonOutlined';
import Avatar from '@mui/material/Avatar';
import Box from '@mui/material/Box';
import Divider from '@mui/material/Divider';
import IconButton from '@mui/material/IconButton';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import MenuItem from '@mui/material/MenuItem';
import MenuList from '@mui/material/MenuList';
import Popover from '@mui/material/Popover';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import type { DeveloperFieldsFragment } from '@workapi/client';
import { useId, useState } from 'react';
import { useSignOut } from './use-sign-out';

/** Renders the app bar's account button, which opens a menu with who is signed in and "Sign out". */
export function AccountMenu({ viewer }: { viewer: DeveloperFieldsFragment }) {
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const { signOut, signingOut } = useSignOut();
  const buttonId = useId();
  const menuId = useId();
  const open = anchor !== null;

  return (
    <>
      <Tooltip title="Account">
        <IconButton
          id={buttonId}
          aria-label={`Account menu for ${viewer.name}`}
          aria-controls={open ? menuId : undefined}
          aria-haspopup="menu"
          aria-expanded={open}
          onClick={(event) => setAnchor(event.currentTarget)}
          sx={{ p: 0.5 }}
        >
          {/* An icon, not initials: visible text inside the button would have to be part of its accessible name. */}
          <Avatar sx={{ width: 32, height: 32, bgcolor: 'primary.main', color: 'primary.contrastText' }}>
            <PersonOutlined fontSize="small" />
          </Avatar>
        </IconButton>
      </Tooltip>
      {/* A popover rather than Menu, because a role="menu" list may contain only menu items, not the identity header. */}
      <Popover
        anchorEl={anchor}
        open={open}
        onClose={() => setAnchor(null)}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'right' }}
        transformOrigin={{ vertical: 'top', horizontal: 'right' }}
        slotProps={{ paper: { sx: { minWidth: 220, maxWidth: 300 } } }}
      >
        <Box sx={{ px: 2, pt: 1.5, pb: 1 }}>
          <Typography component="p" variant="subtitle2" noWrap>
            {viewer.name}
          </Typography>
          <Typography component="p" variant="body2" noWrap sx={{ color: 'text.secondary' }}>
            {viewer.email}
          </Typography>
        </Box>
        <Divider />
        <MenuList id={menuId} autoFocusItem={open} aria-labelledby={buttonId}>
          <MenuItem
            disabled={signingOut}
            onClick={() => {
              setAnchor(null);
              void signOut();
            }}
          >
            <ListItemIcon>
              <LogoutOutlined fontSize="small" />
            </ListItemIcon>
            <ListItemText>Sign out</ListItemText>
          </MenuItem>
        </MenuList>
      </Popover>
    </>
  );
}
