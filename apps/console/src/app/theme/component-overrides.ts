import type { Components, Theme } from '@mui/material/styles';
import type {} from '@mui/material/themeCssVarsAugmentation';

export const componentOverrides: Components<Theme> = {
  MuiAppBar: {
    defaultProps: { elevation: 0, color: 'inherit' },
    styleOverrides: {
      root: ({ theme }) => ({
        borderBottom: `1px solid ${theme.vars.palette.divider}`,
        backgroundColor: theme.vars.palette.background.paper,
      }),
    },
  },
  MuiButton: {
    defaultProps: { disableElevation: true },
  },
  MuiCard: {
    defaultProps: { variant: 'outlined' },
  },
  MuiTextField: {
    defaultProps: { fullWidth: true },
  },
  MuiLink: {
    defaultProps: { underline: 'always' },
  },
};
