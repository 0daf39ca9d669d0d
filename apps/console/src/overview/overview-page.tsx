import ApiOutlined from '@mui/icons-material/ApiOutlined';
import BarChartOutlined from '@mui/icons-material/BarChartOutlined';
import ExtensionOutlined from '@mui/icons-material/ExtensionOutlined';
import KeyOutlined from '@mui/icons-material/KeyOutlined';
import PeopleOutlined from '@mui/icons-material/PeopleOutlined';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardActionArea from '@mui/material/CardActionArea';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { Link as RouterLink } from 'react-router';
import { formatDateTime } from '../app/format';
import { MonospaceValue } from '../app/monospace-value';
import { PageContainer } from '../app/page-container';
import { environmentPath, type EnvironmentSection } from '../environments/current-environment';
import { useEnvironment } from '../environments/environment-context';

const STEPS: { section: EnvironmentSection; title: string; description: string; icon: ReactNode }[] = [
  { section: 'keys', title: 'Keys', description: 'Sign environment tokens in your backend with the private key.', icon: <KeyOutlined /> },
  { section: 'providers', title: 'Providers', description: 'Add your OAuth clients for Gmail, Outlook and calendars.', icon: <ExtensionOutlined /> },
  { section: 'users', title: 'Users', description: 'See the users your backend created and their integrations.', icon: <PeopleOutlined /> },
  { section: 'playground', title: 'Playground', description: 'Try queries with a token signed in your browser.', icon: <ApiOutlined /> },
  { section: 'usage', title: 'Usage', description: 'Requests this month against the free allowance.', icon: <BarChartOutlined /> },
];

/** The environment at a glance, with the way to each of its sections. */
export function OverviewPage() {
  const environment = useEnvironment();
  const active = environment.status === 'ACTIVE';

  return (
    <PageContainer title={environment.name} description="Overview of this environment.">
      {!active ? (
        <Alert severity="warning" sx={{ mb: 3 }}>
          This environment is deactivated: its tokens and its users' access tokens are rejected. Reactivate it in Settings.
        </Alert>
      ) : null}
      <Paper variant="outlined" sx={{ p: { xs: 2, sm: 3 }, mb: 3 }}>
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={3} sx={{ alignItems: { sm: 'center' } }}>
          <Box sx={{ flex: 1, minWidth: 0 }}>
            <MonospaceValue label="Environment ID" value={environment.id} />
          </Box>
          <Box>
            <Typography variant="body2" component="p" sx={{ color: 'text.secondary' }}>
              Status
            </Typography>
            <Chip size="small" variant="outlined" color={active ? 'success' : 'default'} label={active ? 'Active' : 'Deactivated'} />
          </Box>
          <Box>
            <Typography variant="body2" component="p" sx={{ color: 'text.secondary' }}>
              Created
            </Typography>
            <Typography variant="body1">{formatDateTime(environment.createdAt)}</Typography>
          </Box>
        </Stack>
      </Paper>
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr', lg: '1fr 1fr 1fr' } }}>
        {STEPS.map((step) => (
          <Card key={step.section}>
            <CardActionArea component={RouterLink} to={environmentPath(environment.id, step.section)} sx={{ height: '100%' }}>
              <CardContent>
                <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mb: 1, color: 'primary.main' }} aria-hidden>
                  {step.icon}
                </Box>
                <Typography variant="h3" component="h2" sx={{ mb: 0.5 }}>
                  {step.title}
                </Typography>
                <Typography variant="body2" sx={{ color: 'text.secondary' }}>
                  {step.description}
                </Typography>
              </CardContent>
            </CardActionArea>
          </Card>
        ))}
      </Box>
    </PageContainer>
  );
}
