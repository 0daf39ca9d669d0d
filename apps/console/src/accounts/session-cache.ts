import type { ApolloCache } from '@apollo/client';
import { ViewerDocument, type ViewerQuery } from '@workapi/client';

/**
 * Stores who is signed in as the result of the `Viewer` query, so that every
 * component that watches it (the route guards first) updates without a request.
 */
export function writeViewer(cache: ApolloCache, viewer: ViewerQuery['viewer']) {
  cache.writeQuery({ query: ViewerDocument, data: { viewer } });
}
