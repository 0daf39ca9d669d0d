import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Container from '@mui/material/Container';
import Typography from '@mui/material/Typography';
import { useEnvironmentQuery } from '@workapi/client';
import { useEffect } from 'react';
import { Outlet, Link as RouterLink, useParams } from 'react-router';
import { readApiErrors } from '../app/api-errors';
import { SectionError, SectionLoading } from '../app/list-states';
import { rememberEnvironment } from './current-environment';

/** Loads the environment named in the URL for its pages, or says that it does not exist. */
export function EnvironmentLayout() {
  const { environmentId = '' } = useParams();
  const { data, error, refetch } = useEnvironmentQuery({ variables: { id: environmentId } });
  const environment = data?.environment;

  useEffect(() => {
    if (environment) rememberEnvironment(environment.id);
  }, [environment]);

  if (error && !environment) {
    if (readApiErrors(error).some((apiError) => apiError.code === 'NOT_FOUND')) {
      return (
        <Container maxWidth="sm" sx={{ py: 8 }}>
          <title>Environment not found · Work API</title>
          <Typography variant="h1" sx={{ mb: 2 }}>
            Environment not found
          </Typography>
          <Alert severity="info" sx={{ mb: 3 }}>
            No environment of your account has this id. It may have been deleted.
          </Alert>
          <Button component={RouterLink} to="/environments" variant="contained">
            Go to your environments
          </Button>
        </Container>
      );
    }
    return (
      <Container maxWidth="sm" sx={{ py: 8 }}>
        <title>Error · Work API</title>
        <SectionError error={error} onRetry={() => void refetch()} />
      </Container>
    );
  }
  if (!environment) return <SectionLoading label="Loading the environment" />;

  return <Outlet context={{ environment }} />;
}
