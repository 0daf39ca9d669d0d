import { ApolloProvider } from '@apollo/client/react';
import CssBaseline from '@mui/material/CssBaseline';
import { ThemeProvider } from '@mui/material/styles';
import { useState } from 'react';
import { RouterProvider } from 'react-router';
import { createApolloClient } from './apollo-client';
import { NotificationsProvider } from './notifications';
import { router } from './router';
import { appTheme, COLOR_MODE_STORAGE_KEY } from './theme/app-theme';

export function App() {
  const [client] = useState(createApolloClient);

  return (
    // `noSsr` applies the stored color mode on the first render, which a
    // client-only app can do, so a dark-mode reload does not flash light.
    <ThemeProvider theme={appTheme} modeStorageKey={COLOR_MODE_STORAGE_KEY} noSsr disableTransitionOnChange>
      <CssBaseline enableColorScheme />
      <ApolloProvider client={client}>
        <NotificationsProvider>
          <RouterProvider router={router} />
        </NotificationsProvider>
      </ApolloProvider>
    </ThemeProvider>
  );
}
