import { useApolloClient } from '@apollo/client/react';
import { useSignOutMutation } from '@workapi/client';
import { useCallback } from 'react';
import { describeApiError, readApiErrors } from '../app/api-errors';
import { useNotify } from '../app/notifications';
import { writeViewer } from './session-cache';

/** Returns a function that ends the session, clears every cached result and shows the sign-in page. */
export function useSignOut() {
  const client = useApolloClient();
  const notify = useNotify();
  const [signOutMutation, { loading }] = useSignOutMutation();

  const signOut = useCallback(async () => {
    try {
      await signOutMutation();
    } catch (error) {
      const [firstError] = readApiErrors(error);
      // UNAUTHENTICATED means the session had already ended, which is the goal.
      if (firstError && firstError.code !== 'UNAUTHENTICATED') {
        notify(describeApiError(firstError), 'error');
        return;
      }
    }

    // The signed-in route guard watches the viewer and opens the sign-in page.
    writeViewer(client.cache, null);
    // Nothing of the previous account may stay in memory for the next one.
    // `clearStore` would also drop the cache watches of mounted queries, so the
    // sign-in page would miss the next sign-in. `resetStore` keeps them and
    // refetches the active queries, so the server confirms there is no viewer.
    await client.resetStore();
    notify('You have signed out.', 'success');
  }, [client, notify, signOutMutation]);

  return { signOut, signingOut: loading };
}
