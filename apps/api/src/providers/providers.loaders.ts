import DataLoader from 'dataloader';
import type { Services } from '../services';
import type { Provider } from './provider.entity';

export interface ProviderLoaders {
  /** Providers by environment id: one statement for every environment of a response. */
  providersByEnvironment: DataLoader<string, Provider[]>;
  /** Connected integrations by provider: one grouped count for every provider of a response. */
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
    connectedIntegrationsByProvider: new DataLoader(
      (providers: readonly Provider[]) => services.providers.countConnectedIntegrationsOf(providers),
      { cacheKeyFn: (provider) => provider.id },
    ),
  };
}
