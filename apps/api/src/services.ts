import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { AccountsService } from './accounts/accounts.service';
import type { BearerVerifier } from './auth/auth';
import type { Config } from './config/config';
import { createSecretBox, type SecretBox } from './crypto/secret-box';
import { ProvidersService } from './providers/providers.service';
import { MeteringService } from './metering/metering.service';
import { UsersService } from './users/users.service';
import { EnvironmentsService } from './environments/environments.service';
import { EnvironmentKeysService } from './environments/environment-keys.service';
import { EnvironmentTokenVerifier } from './environments/environment-token.verifier';
import { IntegrationsService } from './integrations/integrations.service';
import { MailService } from './mail/mail.service';
import { CalendarService } from './calendar/calendar.service';

/** The services of one server process, shared by every request. */
export interface Services {
  config: Config;
  dataSource: DataSource;
  accounts: AccountsService;
  environments: EnvironmentsService;
  environmentKeys: EnvironmentKeysService;
  users: UsersService;
  /** Encrypts secrets stored in the database (client secrets, provider tokens). */
  secrets: SecretBox;
  providers: ProvidersService;
  /** Query limits, throttling and monthly usage of metered requests. */
  metering: MeteringService;
  /** End users' integrations: the OAuth flow, provider tokens and their refresh. */
  integrations: IntegrationsService;
  /** Unified mail across Gmail, Microsoft Graph and the sandbox. */
  mail: MailService;
  /** Unified calendars across Google Calendar, Microsoft Graph and the sandbox. */
  calendar: CalendarService;
  /** Verifiers for `Authorization: Bearer` tokens, tried in order. */
  bearerVerifiers: BearerVerifier[];
}

export function createServices(config: Config, dataSource: DataSource, log: Logger): Services {
  const accounts = new AccountsService(dataSource, config, log.child({ component: 'accounts' }));
  const environmentsLog = log.child({ component: 'environments' });
  const environments = new EnvironmentsService(dataSource, config, environmentsLog);
  const environmentKeys = new EnvironmentKeysService(dataSource, config, environments, environmentsLog);
  const secrets = createSecretBox(config, log.child({ component: 'secrets' }));
  const providers = new ProvidersService(dataSource, config, environments, secrets, log.child({ component: 'providers' }));
  const bearerVerifiers: BearerVerifier[] = [];
  const users = new UsersService(dataSource, config, log.child({ component: 'users' }));
  bearerVerifiers.push(users.tokenVerifier);
  bearerVerifiers.push(new EnvironmentTokenVerifier(dataSource, config, environments, environmentKeys, environmentsLog));
  const metering = new MeteringService(config, dataSource, log.child({ component: 'metering' }));
  const integrations = new IntegrationsService({
    dataSource,
    config,
    log: log.child({ component: 'integrations' }),
    environments,
    providers: () => providers,
    secrets: () => secrets,
  });
  providers.registerIntegrations(integrations);
  users.onUserDeleted((user) => integrations.disconnectAllForUser(user));
  environments.onStatusChanged(({ environmentId }) => users.evictEnvironmentTokens(environmentId));
  environments.onDeleted(async ({ environmentId }) => {
    users.evictEnvironmentTokens(environmentId);
    await integrations.disconnectAllForEnvironment(environmentId);
  });
  const mail = new MailService(dataSource, log.child({ component: 'mail' }), () => integrations, config.providerRequestTimeoutMs);
  const calendar = new CalendarService(dataSource, () => integrations, log.child({ component: 'calendar' }), { providerTimeoutMs: config.providerRequestTimeoutMs });
  return { config, dataSource, accounts, environments, environmentKeys, users, secrets, providers, bearerVerifiers, metering, integrations, mail, calendar };
}
