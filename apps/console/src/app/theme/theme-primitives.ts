import type { ColorSystemOptions, ThemeOptions } from '@mui/material/styles';

// Colors chosen for at least 4.5:1 contrast (WCAG AA for body text) between
// each main color and its contrast text, and between text and backgrounds.
export const lightColorScheme: ColorSystemOptions = {
  palette: {
    primary: { main: '#3340b8', light: '#5c67d6', dark: '#232d8c', contrastText: '#ffffff' },
    secondary: { main: '#0f6e6e', contrastText: '#ffffff' },
    error: { main: '#c62828', contrastText: '#ffffff' },
    // Darker than MUI's defaults, so that outlined chips and text in these colors reach 4.5:1 on both backgrounds.
    warning: { main: '#8a4b00', contrastText: '#ffffff' },
    info: { main: '#01579b', contrastText: '#ffffff' },
    success: { main: '#1b5e20', contrastText: '#ffffff' },
    background: { default: '#f6f7fb', paper: '#ffffff' },
    text: { primary: '#1b1e2b', secondary: '#4a4f63' },
    divider: 'rgba(27, 30, 43, 0.12)',
  },
};

export const darkColorScheme: ColorSystemOptions = {
  palette: {
    primary: { main: '#a3adff', light: '#c5cbff', dark: '#7782e6', contrastText: '#0f1330' },
    secondary: { main: '#74d1cf', contrastText: '#062424' },
    error: { main: '#ff8a80', contrastText: '#2b0000' },
    warning: { main: '#ffb74d', contrastText: '#2b1700' },
    info: { main: '#81d4fa', contrastText: '#00223a' },
    success: { main: '#81c784', contrastText: '#06210a' },
    background: { default: '#0f1117', paper: '#171a23' },
    text: { primary: '#e8e9f0', secondary: '#b3b6c6' },
    divider: 'rgba(232, 233, 240, 0.14)',
  },
};

// A system font stack, because the console must work offline and loads no web fonts.
const fontFamily = [
  'system-ui',
  '-apple-system',
  '"Segoe UI"',
  'Roboto',
  '"Helvetica Neue"',
  'Arial',
  'sans-serif',
].join(',');

export const typography: ThemeOptions['typography'] = {
  fontFamily,
  h1: { fontSize: '1.75rem', fontWeight: 600, lineHeight: 1.25 },
  h2: { fontSize: '1.375rem', fontWeight: 600, lineHeight: 1.3 },
  h3: { fontSize: '1.125rem', fontWeight: 600, lineHeight: 1.4 },
  button: { textTransform: 'none', fontWeight: 600 },
};

export const shape: ThemeOptions['shape'] = { borderRadius: 8 };
