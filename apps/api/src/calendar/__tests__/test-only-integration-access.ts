import type { Logger } from 'pino';
import { CalendarService } from '../calendar.service';
import { AppError } from '../../graphql/errors';
import type { IntegrationAccess, ProviderCredentials } from '../../integrations/integration-access';
import { ProviderUnauthorizedError } from '../../integrations/integration-access';
import type { ProviderKind } from '../../providers/provider-kind';
import type { TestApp } from '../../../test/harness';

interface TestIntegration {
  userId: string;
  kind: ProviderKind;
  accessToken: string;
  apiBaseUrl: string;
}

/**
 * TEST-ONLY stand-in for the IntegrationAccess seam, so that calendar tests can point an
 * integration id straight at a local provider server without running an OAuth flow. It
 * keeps the contract that matters to callers: another user's or an unknown integration is
 * NOT_FOUND, and a 401 from the provider is retried once (with the same token here).
 */
export class TestOnlyIntegrationAccess implements IntegrationAccess {
  private readonly integrations = new Map<string, TestIntegration>();
  calls = 0;

  register(integrationId: string, integration: TestIntegration): void {
    this.integrations.set(integrationId, integration);
  }

  async withCredentials<T>(user: { userId: string }, integrationId: string, call: (credentials: ProviderCredentials) => Promise<T>): Promise<T> {
    this.calls += 1;
    const integration = this.integrations.get(integrationId);
    if (!integration || integration.userId !== user.userId) throw new AppError('NOT_FOUND', 'Integration not found.');
    const credentials = { integrationId, kind: integration.kind, accessToken: integration.accessToken, apiBaseUrl: integration.apiBaseUrl };
    try {
      return await call(credentials);
    } catch (error) {
      if (!(error instanceof ProviderUnauthorizedError)) throw error;
      return call(credentials);
    }
  }
}

/** Replaces the test app's calendar service with one that reads integrations from `access`. */
export function useTestOnlyIntegrationAccess(testApp: TestApp, access: TestOnlyIntegrationAccess): void {
  const services = testApp.app.services;
  services.calendar = new CalendarService(services.dataSource, () => access, testApp.app.server.log as unknown as Logger, { providerTimeoutMs: 2000 });
}
