import Box from '@mui/material/Box';
import { useColorScheme } from '@mui/material/styles';
import { GraphiQL } from 'graphiql';
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import { useMemo, type ComponentProps } from 'react';
import { readQueryCost, type QueryCost } from './query-cost';

type Fetcher = ComponentProps<typeof GraphiQL>['fetcher'];

const INITIAL_QUERY = `# Signed with the key loaded above.
query CurrentEnvironment {
  currentEnvironment {
    id
    name
    status
  }
}
`;

interface GraphiQLPanelProps {
  /** Returns the Authorization header value for one request, or null to use the console session. */
  authorize: () => Promise<string | null>;
  onCost: (cost: QueryCost | null) => void;
}

/**
 * GraphiQL with a fetcher that adds a fresh credential to every operation.
 * Introspection, which loads the schema documentation, goes with the console
 * session instead, so that it is neither metered nor uses up a token.
 */
export default function GraphiQLPanel({ authorize, onCost }: GraphiQLPanelProps) {
  const { mode, systemMode } = useColorScheme();
  const theme = (mode === 'system' ? systemMode : mode) === 'dark' ? 'dark' : 'light';

  const fetcher = useMemo<Fetcher>(
    () => async (params, options) => {
      const introspection = params.operationName === 'IntrospectionQuery';
      const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' };
      const authorization = introspection ? null : await authorize();
      if (authorization) headers.authorization = authorization;
      for (const [name, value] of Object.entries(options?.headers ?? {})) headers[name.toLowerCase()] = String(value);

      const response = await fetch('/graphql', {
        method: 'POST',
        headers,
        body: JSON.stringify(params),
        // The API ignores the cookie when a token is sent, so it is left out and the request matches a backend's.
        credentials: headers.authorization ? 'omit' : 'same-origin',
      });
      const body: unknown = await response.json();
      if (!introspection) onCost(readQueryCost(body));
      return body as Awaited<ReturnType<Fetcher>>;
    },
    [authorize, onCost],
  );

  return (
    <Box
      sx={(muiTheme) => ({
        height: '100%',
        '& .graphiql-container': { height: '100%' },
        // GraphiQL's own grey logo text is below 4.5:1 on its background.
        '& .graphiql-container .graphiql-logo .graphiql-logo-link': { color: 'text.secondary' },
        // GraphiQL puts the editors and the response side by side, which leaves the response no
        // width on a phone: there they are stacked, and the drag handle between them is hidden.
        [muiTheme.breakpoints.down('sm')]: {
          '& .graphiql-container #graphiql-session': { flexDirection: 'column' },
          '& .graphiql-container .graphiql-editors, & .graphiql-container .graphiql-response': { flex: '1 1 0 !important', minHeight: 0 },
          '& .graphiql-container .graphiql-horizontal-drag-bar, & .graphiql-container .graphiql-logo': { display: 'none' },
        },
      })}
    >
      <GraphiQL fetcher={fetcher} initialQuery={INITIAL_QUERY} forcedTheme={theme} defaultEditorToolsVisibility={false} />
    </Box>
  );
}
