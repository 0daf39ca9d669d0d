import type { Auth } from '../../auth/auth';
import { Developer } from '../../accounts/developer.entity';
import { createTestEnvironment } from '../../../test/environment-factory';
import { signUpDeveloper } from '../../../test/factories';
import { TestClient } from '../../../test/graphql-client';
import type { TestApp } from '../../../test/harness';
import { utcDay } from '../periods';

/**
 * Bearer tokens of the form `test_metered.<kind>.<accountId>.<environmentId>`, accepted by a
 * verifier that tests install, so that metering is tested without the cost of signing
 * and checking real tokens. One test also uses a real environment token.
 */
const testTokenPrefix = 'test_metered.';

export function installTestVerifier(testApp: TestApp): void {
  const verifiers = testApp.app.services.bearerVerifiers;
  verifiers.unshift({
    accepts: (token) => token.startsWith(testTokenPrefix),
    verify: async (token): Promise<Auth> => {
      const [, kind, accountId, environmentId] = token.split('.');
      if (kind === 'user') return { kind: 'user', userId: 'test-user', environmentId, accountId, tokenId: 'test-token' };
      return { kind: 'environment', environmentId, accountId, keyId: 'test-key' };
    },
  });
}

export interface MeteredAccount {
  /** Console session of the account's developer. */
  console: TestClient;
  accountId: string;
  environmentId: string;
  /** Privately signed key of the environment, for real environment tokens. */
  privateKey: string;
  /** A client whose requests are metered as a user access token of the environment. */
  user: TestClient;
  /** The bearer token that `user` sends, for requests to other server processes. */
  userToken: string;
  /** A client whose requests are metered as an environment token. */
  environment: TestClient;
  /** Metered user client of another environment of the same account. */
  userOf(environmentId: string): TestClient;
}

export async function createMeteredAccount(testApp: TestApp): Promise<MeteredAccount> {
  const { client, developer } = await signUpDeveloper(testApp.url);
  const row = await testApp.app.dataSource.getRepository(Developer).findOneByOrFail({ id: developer.id });
  const { environment, privateKey } = await createTestEnvironment(client);
  const userToken = (environmentId: string) => `${testTokenPrefix}user.${row.accountId}.${environmentId}`;
  const userOf = (environmentId: string) => new TestClient(testApp.url).withBearer(userToken(environmentId));
  return {
    console: client,
    accountId: row.accountId,
    environmentId: environment.id,
    privateKey,
    user: userOf(environment.id),
    userToken: userToken(environment.id),
    environment: new TestClient(testApp.url).withBearer(`${testTokenPrefix}environment.${row.accountId}.${environment.id}`),
    userOf,
  };
}

export interface UsageTotals {
  requests: number;
  cost: number;
}

/** Requests and cost recorded in the database for an account, optionally for one environment. */
export async function recordedUsage(testApp: TestApp, accountId: string, environmentId?: string): Promise<UsageTotals> {
  const rows: Array<{ requests: string | number | null; cost: string | number | null }> = await testApp.app.dataSource.query(
    `SELECT SUM(requests) AS requests, SUM(query_cost) AS cost FROM usage_days WHERE account_id = ?${environmentId ? ' AND environment_id = ?' : ''}`,
    environmentId ? [accountId, environmentId] : [accountId],
  );
  return { requests: Number(rows[0]?.requests ?? 0), cost: Number(rows[0]?.cost ?? 0) };
}

/** Sets the account's recorded requests of today, as if they had been counted earlier in the month. */
export async function setRecordedRequests(testApp: TestApp, accountId: string, environmentId: string, requests: number): Promise<void> {
  const dataSource = testApp.app.dataSource;
  await dataSource.query('DELETE FROM usage_days WHERE account_id = ?', [accountId]);
  await dataSource.query('INSERT INTO usage_days (account_id, day, environment_id, requests, query_cost) VALUES (?, ?, ?, ?, ?)', [
    accountId,
    utcDay(new Date()),
    environmentId,
    requests,
    requests,
  ]);
}
