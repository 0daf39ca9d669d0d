import AddOutlined from '@mui/icons-material/AddOutlined';
import LayersOutlined from '@mui/icons-material/LayersOutlined';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { EmptyState } from '../app/empty-state';
import { PageContainer } from '../app/page-container';

/** Lists the account's environments. A new account has none, so this is the page shown after signing up. */
export function EnvironmentsPage() {
  // TODO: Query the account's environments and enable "Create environment" once the API offers `createEnvironment`.
  return (
    <PageContainer
      title="Environments"
      description="Each environment has its own keys, OAuth providers and users, so that development, staging and production stay apart."
    >
      <EmptyState
        icon={<LayersOutlined />}
        title="Create your first environment"
        description="An environment is where your backend creates users and issues their access tokens. Start with one for development; you can add staging and production later."
        action={
          <Stack spacing={1} sx={{ alignItems: 'center' }}>
            <Button variant="contained" startIcon={<AddOutlined />} disabled aria-describedby="create-environment-unavailable">
              Create environment
            </Button>
            <Typography id="create-environment-unavailable" variant="body2" sx={{ color: 'text.secondary' }}>
              Creating environments from the console is not available yet.
            </Typography>
          </Stack>
        }
      />
    </PageContainer>
  );
}
