import type { DataSource } from 'typeorm';
import { IsNull } from 'typeorm';
import { notFound } from '../graphql/errors';
import { Environment } from './environment.entity';

/** Environments of an account. Other features reach environments only through this service. */
export class EnvironmentsService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Returns the account's environment, or raises NOT_FOUND when it does not exist, is
   * deleted or belongs to another account, so that ids cannot be probed.
   */
  async requireOwned(accountId: string, environmentId: string): Promise<Environment> {
    const environment = await this.dataSource
      .getRepository(Environment)
      .findOneBy({ id: environmentId, accountId, deletedAt: IsNull() });
    if (!environment) throw notFound('Environment');
    return environment;
  }
}
