import LayersOutlined from '@mui/icons-material/LayersOutlined';
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useEnvironmentsQuery } from '@workapi/client';
import { Navigate, useNavigate } from 'react-router';
import { SectionError, SectionLoading } from '../app/list-states';
import { PageContainer } from '../app/page-container';
import { CreateEnvironmentForm } from './create-environment-form';
import { environmentPath, lastEnvironment } from './current-environment';
import { useShowPrivateKey } from './one-time-key';

/**
 * /environments: opens the environment used last (or the first); a new account
 * has none, so this is where it creates its first one after signing up.
 */
export function EnvironmentsPage() {
  const { data, error, refetch } = useEnvironmentsQuery();
  const showPrivateKey = useShowPrivateKey();
  const navigate = useNavigate();

  if (error && !data) {
    return (
      <PageContainer title="Environments">
        <SectionError error={error} onRetry={() => void refetch()} />
      </PageContainer>
    );
  }
  if (!data) return <SectionLoading label="Loading environments" />;

  const environments = data.environments;
  if (environments.length > 0) {
    const remembered = lastEnvironment();
    const target = environments.find((environment) => environment.id === remembered) ?? environments[0]!;
    return <Navigate to={environmentPath(target.id)} replace />;
  }

  return (
    <PageContainer
      title="Create your first environment"
      description="An environment is where your backend creates users and issues their access tokens. Start with one for development; you can add staging and production later."
    >
      <Paper variant="outlined" sx={{ p: { xs: 2, sm: 4 }, maxWidth: 640 }}>
        <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', mb: 3, color: 'primary.main' }}>
          <LayersOutlined aria-hidden />
          <Typography variant="h2" sx={{ color: 'text.primary' }}>
            New environment
          </Typography>
        </Box>
        <CreateEnvironmentForm
          autoFocus
          onCreated={(key) => {
            showPrivateKey(key);
            navigate(environmentPath(key.environmentId), { replace: true });
          }}
        />
      </Paper>
    </PageContainer>
  );
}
