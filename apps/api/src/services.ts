import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { AccountsService } from './accounts/accounts.service';
import type { BearerVerifier } from './auth/auth';
import type { Config } from './config/config';
import { EnvironmentsService } from './environments/environments.service';

/** The services of one server process, shared by every request. */
export interface Services {
  config: Config;
  dataSource: DataSource;
  accounts: AccountsService;
  environments: EnvironmentsService;
  /** Verifiers for `Authorization: Bearer` tokens, tried in order. */
  bearerVerifiers: BearerVerifier[];
}

export function createServices(config: Config, dataSource: DataSource, log: Logger): Services {
  const accounts = new AccountsService(dataSource, config, log.child({ component: 'accounts' }));
  const environments = new EnvironmentsService(dataSource);
  return { config, dataSource, accounts, environments, bearerVerifiers: [] };
}
