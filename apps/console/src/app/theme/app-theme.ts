import { createTheme } from '@mui/material/styles';
import { componentOverrides } from './component-overrides';
import { darkColorScheme, lightColorScheme, shape, typography } from './theme-primitives';

// The localStorage key under which the chosen color mode (light, dark or system) is kept.
export const COLOR_MODE_STORAGE_KEY = 'workapi-color-mode';

export const appTheme = createTheme({
  cssVariables: { colorSchemeSelector: 'class' },
  colorSchemes: { light: lightColorScheme, dark: darkColorScheme },
  typography,
  shape,
  components: componentOverrides,
});
