import { useEnvironmentsQuery } from '@workapi/client';
import { Navigate } from 'react-router';
import { environmentPath, lastEnvironment } from '../environments/current-environment';
import { SectionError, SectionLoading } from '../app/list-states';
import { PageContainer } from '../app/page-container';

/** /playground opens the Playground of the environment used last, or the first one. */
export function PlaygroundRedirect() {
  const { data, error, refetch } = useEnvironmentsQuery();
  if (error && !data) {
    return (
      <PageContainer title="Playground">
        <SectionError error={error} onRetry={() => void refetch()} />
      </PageContainer>
    );
  }
  if (!data) return <SectionLoading label="Loading environments" />;

  const remembered = lastEnvironment();
  const target = data.environments.find((environment) => environment.id === remembered) ?? data.environments[0];
  // Without an environment there is nothing to sign tokens for: create one first.
  return <Navigate to={target ? environmentPath(target.id, 'playground') : '/environments'} replace />;
}
