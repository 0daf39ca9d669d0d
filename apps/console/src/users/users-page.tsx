import BlockOutlined from '@mui/icons-material/BlockOutlined';
import LinkOutlined from '@mui/icons-material/LinkOutlined';
import PeopleOutlined from '@mui/icons-material/PeopleOutlined';
import SearchOutlined from '@mui/icons-material/SearchOutlined';
import Chip from '@mui/material/Chip';
import IconButton from '@mui/material/IconButton';
import InputAdornment from '@mui/material/InputAdornment';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TablePagination from '@mui/material/TablePagination';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import useMediaQuery from '@mui/material/useMediaQuery';
import type { Theme } from '@mui/material/styles';
import { useDeactivateUserMutation, useEnvironmentUsersQuery, type EnvironmentUserFieldsFragment } from '@workapi/client';
import { useEffect, useState } from 'react';
import { describeApiError, readApiErrors } from '../app/api-errors';
import { useConfirm } from '../app/confirm-dialog';
import { EmptyState } from '../app/empty-state';
import { formatDateTime } from '../app/format';
import { SectionError, SectionLoading } from '../app/list-states';
import { useNotify } from '../app/notifications';
import { PageContainer } from '../app/page-container';
import { useEnvironment } from '../environments/environment-context';
import { UserIntegrationsDialog } from './user-integrations-dialog';

const PAGE_SIZES = [10, 25, 50];
const SEARCH_DELAY_MS = 300;

/**
 * The environment's end users, paged on the server: `after` cursors of the
 * pages seen so far are kept, so that "previous" returns without recounting.
 */
export function UsersPage() {
  const environment = useEnvironment();
  const confirm = useConfirm();
  const notify = useNotify();
  const [search, setSearch] = useState('');
  const [prefix, setPrefix] = useState('');
  const [pageSize, setPageSize] = useState(PAGE_SIZES[0]!);
  // cursors[n] is the `after` argument of page n, and page 0 starts at the beginning (null).
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [selected, setSelected] = useState<EnvironmentUserFieldsFragment | null>(null);
  const page = cursors.length - 1;
  const phone = useMediaQuery((theme: Theme) => theme.breakpoints.down('sm'));

  // Only a changed search goes back to the first page: a timer that also ran on mount would undo a quick "next page".
  useEffect(() => {
    const nextPrefix = search.trim();
    if (nextPrefix === prefix) return undefined;
    const timer = window.setTimeout(() => {
      setPrefix(nextPrefix);
      setCursors([null]);
    }, SEARCH_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [search, prefix]);

  const { data, previousData, error, refetch, loading } = useEnvironmentUsersQuery({
    variables: { environmentId: environment.id, first: pageSize, after: cursors[page] ?? null, externalIdPrefix: prefix || null },
  });
  const users = (data ?? previousData)?.users;
  const [deactivate] = useDeactivateUserMutation();

  const onDeactivate = async (user: EnvironmentUserFieldsFragment) => {
    const confirmed = await confirm({
      title: `Deactivate ${user.externalId}?`,
      description: 'Every access token of this user is rejected until your backend reactivates the user with an environment token.',
      confirmLabel: 'Deactivate user',
      destructive: true,
    });
    if (!confirmed) return;
    try {
      await deactivate({ variables: { input: { environmentId: environment.id, externalId: user.externalId } } });
      notify(`${user.externalId} was deactivated.`, 'success');
    } catch (caught) {
      const [first] = readApiErrors(caught);
      notify(first ? describeApiError(first) : 'The user could not be deactivated.', 'error');
    }
  };

  const searchField = (
    <TextField
      label="Search by external ID"
      value={search}
      onChange={(event) => setSearch(event.target.value)}
      placeholder="Starts with…"
      sx={{ mb: 2, maxWidth: 400 }}
      slotProps={{
        input: {
          startAdornment: (
            <InputAdornment position="start">
              <SearchOutlined />
            </InputAdornment>
          ),
        },
      }}
    />
  );

  return (
    <PageContainer title="Users" description="The end users your backend created in this environment with its environment token.">
      {searchField}
      {error && !users ? <SectionError error={error} onRetry={() => void refetch()} /> : null}
      {!error && !users ? <SectionLoading label="Loading users" /> : null}
      {users && users.totalCount === 0 && page === 0 ? (
        prefix ? (
          <EmptyState icon={<SearchOutlined />} title="No matching users" description={`No user's external ID starts with “${prefix}”.`} />
        ) : (
          <EmptyState
            icon={<PeopleOutlined />}
            title="No users yet"
            description="Your backend creates users with createUser, signed with this environment's key. Try it in the Playground."
          />
        )
      ) : null}
      {users && (users.totalCount > 0 || page > 0) ? (
        <Paper variant="outlined">
          <TableContainer>
            <Table aria-label="Users" aria-busy={loading} size={phone ? 'small' : 'medium'}>
              <TableHead>
                <TableRow>
                  <TableCell>External ID</TableCell>
                  <TableCell>Status</TableCell>
                  {phone ? null : <TableCell>Created</TableCell>}
                  <TableCell align="right">Actions</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {users.edges.map(({ node: user }) => (
                  <TableRow key={user.id}>
                    <TableCell component="th" scope="row" sx={{ fontFamily: 'monospace', wordBreak: 'break-word' }}>
                      {user.externalId}
                    </TableCell>
                    <TableCell>
                      <Chip size="small" variant="outlined" label={user.status === 'ACTIVE' ? 'Active' : 'Deactivated'} color={user.status === 'ACTIVE' ? 'success' : 'default'} />
                    </TableCell>
                    {phone ? null : <TableCell>{formatDateTime(user.createdAt)}</TableCell>}
                    <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                      <Tooltip title="Integrations">
                        <IconButton aria-label={`Integrations of ${user.externalId}`} onClick={() => setSelected(user)}>
                          <LinkOutlined />
                        </IconButton>
                      </Tooltip>
                      {user.status === 'ACTIVE' ? (
                        <Tooltip title="Deactivate">
                          <IconButton aria-label={`Deactivate ${user.externalId}`} color="error" onClick={() => void onDeactivate(user)}>
                            <BlockOutlined />
                          </IconButton>
                        </Tooltip>
                      ) : null}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
          <TablePagination
            component="div"
            count={users.totalCount}
            page={page}
            rowsPerPage={pageSize}
            // Phones have no room for the page size selector next to the page buttons.
            rowsPerPageOptions={phone ? [] : PAGE_SIZES}
            onPageChange={(_event, next) => {
              if (next > page && users.pageInfo.endCursor) setCursors([...cursors, users.pageInfo.endCursor]);
              if (next < page) setCursors(cursors.slice(0, next + 1));
            }}
            onRowsPerPageChange={(event) => {
              setPageSize(Number(event.target.value));
              setCursors([null]);
            }}
            slotProps={{ actions: { nextButton: { disabled: !users.pageInfo.hasNextPage || loading } } }}
          />
        </Paper>
      ) : null}
      <UserIntegrationsDialog user={selected} onClose={() => setSelected(null)} />
    </PageContainer>
  );
}
