import type { EnvironmentFieldsFragment } from '@workapi/client';
import { useOutletContext } from 'react-router';

/** The environment whose pages are open, as loaded by the environment layout route. */
export function useEnvironment(): EnvironmentFieldsFragment {
  return useOutletContext<{ environment: EnvironmentFieldsFragment }>().environment;
}
