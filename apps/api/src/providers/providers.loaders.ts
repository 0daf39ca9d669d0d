import DataLoader from 'dataloader';
import type { Services } from '../services';
import type { Provider } from './provider.entity';

export interface ProviderLoaders {
  /** Providers by environment id: one statement for every environment of a response. */
  providersByEnvironment: DataLoader<string, Provider[]>;
  /** Connected integrations by provider, counted through the integrations service. */
  connectedIntegrationsByProvider: DataLoader<Provider, number, string>;
}

export function createProviderLoaders(services: Services): ProviderLoaders {
  return {
    providersByEnvironment: new DataLoader(async (environmentIds: readonly string[]) => {
      const byEnvironment = new Map<string, Provider[]>();
      for (const provider of await services.providers.listByEnvironmentIds(environmentIds)) {
        byEnvironment.set(provider.environmentId, [...(byEnvironment.get(provider.environmentId) ?? []), provider]);
      }
      return environmentIds.map((id) => byEnvironment.get(id) ?? []);
    }),
    // NOTE: one count per provider, because the integrations seam counts one kind and environment at a time.
    connectedIntegrationsByProvider: new DataLoader(
      (providers: readonly Provider[]) =>
        Promise.all(providers.map((provider) => services.providers.countConnectedIntegrations(provider))),
      { cacheKeyFn: (provider) => provider.id },
    ),
  };
}
