import { createProviderLoaders, type ProviderLoaders } from '../providers/providers.loaders';
import type { Services } from '../services';

/**
 * The DataLoaders of one request. A new set is created for every request, so that cached
 * rows never outlive it or leak to another caller. Each feature adds its loaders here.
 */
export type Loaders = ProviderLoaders;

export function createLoaders(services: Services): Loaders {
  return {
    ...createProviderLoaders(services),
  };
}
