import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';

/** Creates the console's GraphQL client, which talks to `/graphql` on the origin that served the console. */
export function createApolloClient() {
  return new ApolloClient({
    link: new HttpLink({
      uri: '/graphql',
      // The session is an httpOnly cookie, sent only to the same origin.
      credentials: 'same-origin',
      // Apollo Server's CSRF prevention rejects requests that a browser could
      // send cross-site without a preflight. This header forces the preflight.
      headers: { 'apollo-require-preflight': 'true' },
    }),
    cache: new InMemoryCache({
      typePolicies: {
        // A key has no `id` field. Its kid (a thumbprint) identifies it, so revoking one updates every list that shows it.
        EnvironmentKey: { keyFields: ['kid'] },
        Environment: {
          fields: {
            keys: { merge: false },
            providers: { merge: false },
          },
        },
      },
    }),
  });
}
