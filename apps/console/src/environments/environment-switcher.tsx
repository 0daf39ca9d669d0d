import AddOutlined from '@mui/icons-material/AddOutlined';
import CheckOutlined from '@mui/icons-material/CheckOutlined';
import ExpandMoreOutlined from '@mui/icons-material/ExpandMoreOutlined';
import Button from '@mui/material/Button';
import Divider from '@mui/material/Divider';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import { useEnvironmentsQuery } from '@workapi/client';
import { lazy, Suspense, useId, useState } from 'react';
import { useNavigate } from 'react-router';
import { environmentPath, useEnvironmentRoute } from './current-environment';
import { useShowPrivateKey } from './one-time-key';

// The form brings zod and react-hook-form, which the shell does not need until the dialog opens.
const CreateEnvironmentDialog = lazy(async () => ({ default: (await import('./create-environment-dialog')).CreateEnvironmentDialog }));

/**
 * The app bar's dropdown of the account's environments, ending with "Add New
 * Environment...". Choosing one keeps the open section (Providers stays Providers).
 */
export function EnvironmentSwitcher() {
  const { data, loading } = useEnvironmentsQuery();
  const { environmentId, section } = useEnvironmentRoute();
  const navigate = useNavigate();
  const showPrivateKey = useShowPrivateKey();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [creating, setCreating] = useState(false);
  const buttonId = useId();
  const menuId = useId();

  const environments = data?.environments ?? [];
  const current = environments.find((environment) => environment.id === environmentId);
  const label = current?.name ?? (loading ? 'Loading…' : 'Choose an environment');

  return (
    <>
      <Button
        id={buttonId}
        color="inherit"
        variant="outlined"
        endIcon={<ExpandMoreOutlined />}
        aria-label={`Environment: ${label}. Switch environment`}
        aria-haspopup="menu"
        aria-controls={anchor ? menuId : undefined}
        aria-expanded={anchor !== null}
        onClick={(event) => setAnchor(event.currentTarget)}
        sx={{ minWidth: 0, maxWidth: { xs: 180, sm: 260 }, borderColor: 'divider', '& .label': { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' } }}
      >
        <span className="label">{label}</span>
      </Button>
      <Menu
        id={menuId}
        anchorEl={anchor}
        open={anchor !== null}
        onClose={() => setAnchor(null)}
        slotProps={{ list: { 'aria-labelledby': buttonId }, paper: { sx: { minWidth: 240, maxWidth: 320 } } }}
      >
        {environments.map((environment) => (
          <MenuItem
            key={environment.id}
            selected={environment.id === environmentId}
            onClick={() => {
              setAnchor(null);
              navigate(environmentPath(environment.id, section));
            }}
          >
            <ListItemIcon>{environment.id === environmentId ? <CheckOutlined fontSize="small" /> : null}</ListItemIcon>
            <ListItemText
              primary={environment.name}
              secondary={environment.status === 'DEACTIVATED' ? 'Deactivated' : undefined}
              slotProps={{ primary: { noWrap: true } }}
            />
          </MenuItem>
        ))}
        {environments.length > 0 ? <Divider /> : null}
        <MenuItem
          onClick={() => {
            setAnchor(null);
            setCreating(true);
          }}
        >
          <ListItemIcon>
            <AddOutlined fontSize="small" />
          </ListItemIcon>
          <ListItemText>Add New Environment...</ListItemText>
        </MenuItem>
      </Menu>
      {creating ? (
        <Suspense fallback={null}>
          <CreateEnvironmentDialog
            open
            onClose={() => setCreating(false)}
            onCreated={(key) => {
              setCreating(false);
              showPrivateKey(key);
              navigate(environmentPath(key.environmentId));
            }}
          />
        </Suspense>
      ) : null}
    </>
  );
}
