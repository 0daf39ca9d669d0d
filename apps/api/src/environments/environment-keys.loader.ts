import DataLoader from 'dataloader';
import type { Context } from '../graphql/context';
import type { EnvironmentKey } from './environment-key.entity';

const loaders = new WeakMap<Context, DataLoader<string, EnvironmentKey[]>>();

/** Returns the request's loader of keys by environment id, so that one query loads the keys of every environment in a response. */
export function environmentKeysLoader(context: Context): DataLoader<string, EnvironmentKey[]> {
  let loader = loaders.get(context);
  if (!loader) {
    loader = new DataLoader(async (ids: readonly string[]) => {
      const byEnvironment = await context.services.environmentKeys.keysByEnvironment(ids);
      return ids.map((id) => byEnvironment.get(id) ?? []);
    });
    loaders.set(context, loader);
  }
  return loader;
}
