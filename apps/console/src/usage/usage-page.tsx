import { useApolloClient } from '@apollo/client/react';
import RefreshOutlined from '@mui/icons-material/RefreshOutlined';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import FormControlLabel from '@mui/material/FormControlLabel';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useColorScheme, useTheme, type Theme } from '@mui/material/styles';
import useMediaQuery from '@mui/material/useMediaQuery';
import { BarChart } from '@mui/x-charts/BarChart';
import { useChangePlanMutation, useEnvironmentsQuery, useUsageQuery, type Plan, type UsageQuery } from '@workapi/client';
import { useId, useState } from 'react';
import { describeApiError, readApiErrors } from '../app/api-errors';
import { useConfirm } from '../app/confirm-dialog';
import { formatDate, formatInteger, formatMoney } from '../app/format';
import { SectionError, SectionLoading } from '../app/list-states';
import { useNotify } from '../app/notifications';
import { PageContainer } from '../app/page-container';
import { useEnvironment } from '../environments/environment-context';

// The chart needs a concrete color, not a CSS variable: the primary color of the scheme in use.
function usePrimaryColor(): string {
  const theme = useTheme();
  const { mode, systemMode } = useColorScheme();
  const scheme = (mode === 'system' ? systemMode : mode) === 'dark' ? 'dark' : 'light';
  return theme.colorSchemes[scheme]?.palette.primary.main ?? theme.palette.primary.main;
}

type UsageMonth = UsageQuery['usage']['months'][number];

const MONTHS = 6;
const PLAN_LABELS: Record<Plan, string> = { FREE: 'Free', PAY_AS_YOU_GO: 'Pay as you go' };
const PLAN_DESCRIPTIONS: Record<Plan, string> = {
  FREE: 'Requests stop for the rest of the month once the free allowance is used.',
  PAY_AS_YOU_GO: 'Requests beyond the free allowance continue and are charged by graduated tiers.',
};

function monthLabel(month: string): string {
  const [year, monthNumber] = month.split('-').map(Number);
  return new Intl.DateTimeFormat(undefined, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(year!, monthNumber! - 1, 1));
}

function ThisMonth({ month, freeRequestsPerMonth, plan }: { month: UsageMonth; freeRequestsPerMonth: number; plan: Plan }) {
  const used = Math.min(100, (month.accountRequests / freeRequestsPerMonth) * 100);
  const labelId = useId();
  return (
    <Paper variant="outlined" sx={{ p: { xs: 2, sm: 3 }, flex: 2, minWidth: 0 }}>
      <Typography variant="h2" id={labelId} sx={{ mb: 1 }}>
        {monthLabel(month.month)}
      </Typography>
      <Typography variant="body1" sx={{ mb: 1 }} data-testid="month-requests">
        <strong>{formatInteger(month.accountRequests)}</strong> of {formatInteger(freeRequestsPerMonth)} free requests used
      </Typography>
      <LinearProgress variant="determinate" value={used} aria-labelledby={labelId} sx={{ height: 8, borderRadius: 1, mb: 1 }} />
      <Typography variant="body2" sx={{ color: 'text.secondary' }}>
        {formatInteger(month.freeRequestsLeft)} free requests left; the allowance starts again on {formatDate(month.resetsAt)}.
      </Typography>
      {plan === 'PAY_AS_YOU_GO' ? (
        <Typography variant="body1" sx={{ mt: 2 }}>
          Estimated charge: <strong>{formatMoney(month.estimatedCharge)}</strong> for {formatInteger(month.billableRequests)} billable requests
        </Typography>
      ) : null}
    </Paper>
  );
}

function PlanCard({ plan }: { plan: Plan }) {
  const [choice, setChoice] = useState<Plan>(plan);
  const [changePlan, { loading }] = useChangePlanMutation({ refetchQueries: ['Usage'] });
  const confirm = useConfirm();
  const notify = useNotify();
  const labelId = useId();

  const onSave = async () => {
    const confirmed = await confirm({
      title: `Switch to ${PLAN_LABELS[choice]}?`,
      description: `${PLAN_DESCRIPTIONS[choice]} The plan applies from now on, including the rest of this month.`,
      confirmLabel: 'Change plan',
    });
    if (!confirmed) return;
    try {
      await changePlan({ variables: { input: { plan: choice } } });
      notify(`Your plan is now ${PLAN_LABELS[choice]}.`, 'success');
    } catch (error) {
      const [first] = readApiErrors(error);
      notify(first ? describeApiError(first) : 'The plan could not be changed.', 'error');
    }
  };

  return (
    <Paper variant="outlined" sx={{ p: { xs: 2, sm: 3 }, flex: 1, minWidth: 0 }}>
      <Typography variant="h2" id={labelId} sx={{ mb: 1 }}>
        Plan
      </Typography>
      <RadioGroup aria-labelledby={labelId} value={choice} onChange={(event) => setChoice(event.target.value as Plan)}>
        {(['FREE', 'PAY_AS_YOU_GO'] as const).map((value) => (
          <FormControlLabel key={value} value={value} control={<Radio />} label={PLAN_LABELS[value]} />
        ))}
      </RadioGroup>
      <Typography variant="body2" sx={{ color: 'text.secondary', my: 1 }}>
        {PLAN_DESCRIPTIONS[choice]}
      </Typography>
      <Button variant="contained" disabled={choice === plan} loading={loading} onClick={() => void onSave()}>
        Change plan
      </Button>
    </Paper>
  );
}

function EnvironmentRequests({ environmentId, name, current }: { environmentId: string; name: string; current: boolean }) {
  const { data, error } = useUsageQuery({ variables: { environmentId, months: 1 } });
  const month = data?.usage.months[0];
  let requests = '…';
  if (month) requests = formatInteger(month.requests);
  else if (error) requests = 'Unavailable';

  return (
    <TableRow selected={current}>
      <TableCell component="th" scope="row">
        {name}
        {current ? ' (this environment)' : ''}
      </TableCell>
      <TableCell align="right">{requests}</TableCell>
      <TableCell align="right">{month ? formatInteger(Math.round(month.queryCost)) : ''}</TableCell>
    </TableRow>
  );
}

/** This month's requests against the free allowance, per environment and per day, earlier months and the plan. */
export function UsagePage() {
  const environment = useEnvironment();
  const { data, error, refetch, loading } = useUsageQuery({ variables: { months: MONTHS }, notifyOnNetworkStatusChange: true });
  const environments = useEnvironmentsQuery();
  const client = useApolloClient();
  const usage = data?.usage;
  const barColor = usePrimaryColor();
  // Phones leave out the billable column of earlier months, because the charge column shows the same in money.
  const phone = useMediaQuery((theme: Theme) => theme.breakpoints.down('sm'));
  const [thisMonth, ...earlier] = usage?.months ?? [];

  return (
    <PageContainer
      title="Usage"
      description="Requests made with environment tokens and user access tokens, for your whole account. Console requests are not counted."
      actions={
        <Button variant="outlined" startIcon={<RefreshOutlined />} onClick={() => void client.refetchQueries({ include: ['Usage'] })} loading={loading}>
          Refresh
        </Button>
      }
    >
      {error && !usage ? <SectionError error={error} onRetry={() => void refetch()} /> : null}
      {!error && !usage ? <SectionLoading label="Loading usage" /> : null}
      {usage && thisMonth ? (
        <Stack spacing={3}>
          {usage.plan === 'FREE' && thisMonth.freeRequestsLeft === 0 ? (
            <Alert severity="warning">The free allowance of this month is used up: requests are rejected until it starts again, or until you switch to pay as you go.</Alert>
          ) : null}
          <Stack direction={{ xs: 'column', md: 'row' }} spacing={3}>
            <ThisMonth month={thisMonth} freeRequestsPerMonth={usage.freeRequestsPerMonth} plan={usage.plan} />
            <PlanCard key={usage.plan} plan={usage.plan} />
          </Stack>

          <Paper variant="outlined" sx={{ p: { xs: 2, sm: 3 } }}>
            <Typography variant="h2" sx={{ mb: 1 }}>
              Requests per day
            </Typography>
            <Box component="figure" aria-label={`Requests per day in ${monthLabel(thisMonth.month)}`} sx={{ m: 0 }}>
              <BarChart
                height={260}
                xAxis={[{ scaleType: 'band', data: thisMonth.days.map((day) => day.date.slice(8)), label: 'Day of the month' }]}
                yAxis={[{ label: 'Requests', width: 60, tickMinStep: 1 }]}
                series={[{ data: thisMonth.days.map((day) => day.requests), label: 'Requests', color: barColor }]}
                hideLegend
              />
            </Box>
          </Paper>

          <Box>
            <Typography variant="h2" sx={{ mb: 2 }}>
              Per environment this month
            </Typography>
            {environments.data ? (
              <TableContainer component={Paper} variant="outlined">
                <Table aria-label="Requests per environment this month" size="small">
                  <TableHead>
                    <TableRow>
                      <TableCell>Environment</TableCell>
                      <TableCell align="right">Requests</TableCell>
                      <TableCell align="right">Query cost (points)</TableCell>
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {environments.data.environments.map((item) => (
                      <EnvironmentRequests key={item.id} environmentId={item.id} name={item.name} current={item.id === environment.id} />
                    ))}
                  </TableBody>
                </Table>
              </TableContainer>
            ) : (
              <SectionLoading label="Loading environments" />
            )}
          </Box>

          <Box>
            <Typography variant="h2" sx={{ mb: 2 }}>
              Earlier months
            </Typography>
            {earlier.length === 0 ? (
              <Typography sx={{ color: 'text.secondary' }}>No earlier months yet.</Typography>
            ) : (
              <TableContainer component={Paper} variant="outlined">
                <Table aria-label="Earlier months" size="small">
                  <TableHead>
                    <TableRow>
                      <TableCell>Month</TableCell>
                      <TableCell align="right">Requests</TableCell>
                      {phone ? null : <TableCell align="right">Billable</TableCell>}
                      <TableCell align="right">Charge</TableCell>
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {earlier.map((month) => (
                      <TableRow key={month.month}>
                        <TableCell component="th" scope="row">
                          {monthLabel(month.month)}
                        </TableCell>
                        <TableCell align="right">{formatInteger(month.accountRequests)}</TableCell>
                        {phone ? null : <TableCell align="right">{formatInteger(month.billableRequests)}</TableCell>}
                        <TableCell align="right">{formatMoney(month.estimatedCharge)}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </TableContainer>
            )}
          </Box>
        </Stack>
      ) : null}
    </PageContainer>
  );
}
