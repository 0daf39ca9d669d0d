import { useCreateEnvironmentMutation, EnvironmentsDocument } from '@workapi/client';
import { useCallback } from 'react';
import { generateBrowserKeyPair } from './key-pair';
import type { OneTimeKey } from './private-key-dialog';

/**
 * Creates an environment. With `generateInBrowser` the key pair is made here
 * and only the public key is sent. Otherwise the server makes the pair and
 * returns the private key once. Either way the result holds the private key
 * for the one-time screen.
 */
export function useCreateEnvironment() {
  const [mutate] = useCreateEnvironmentMutation({
    update: (cache, { data }) => {
      if (!data) return;
      cache.updateQuery({ query: EnvironmentsDocument }, (current) =>
        current ? { environments: [...current.environments, data.createEnvironment.environment] } : current,
      );
    },
  });

  return useCallback(
    async (name: string, generateInBrowser: boolean): Promise<OneTimeKey> => {
      const pair = generateInBrowser ? await generateBrowserKeyPair() : null;
      const { data } = await mutate({ variables: { input: { name, publicKey: pair?.publicKeyPem } } });
      if (!data) throw new Error('createEnvironment returned no data.');
      const { environment, key, privateKey } = data.createEnvironment;
      const privateKeyPem = pair?.privateKeyPem ?? privateKey;
      if (!privateKeyPem) throw new Error('createEnvironment returned no private key.');
      return { environmentId: environment.id, environmentName: environment.name, kid: key.kid, privateKeyPem };
    },
    [mutate],
  );
}
