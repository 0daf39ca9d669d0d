import { useMatch } from 'react-router';

const LAST_ENVIRONMENT_KEY = 'workapi-last-environment';

/** Sections of an environment in the sidebar's order, each the path segment after /environments/:id. */
export const ENVIRONMENT_SECTIONS = ['overview', 'providers', 'users', 'usage', 'keys', 'playground', 'settings'] as const;
export type EnvironmentSection = (typeof ENVIRONMENT_SECTIONS)[number];

/** Reads the environment and section from a path like /environments/:environmentId/providers. */
export function useEnvironmentRoute(): { environmentId: string | null; section: EnvironmentSection } {
  const match = useMatch('/environments/:environmentId/:section?/*');
  const section = match?.params.section;
  return {
    environmentId: match?.params.environmentId ?? null,
    section: ENVIRONMENT_SECTIONS.find((candidate) => candidate === section) ?? 'overview',
  };
}

export function environmentPath(environmentId: string, section: EnvironmentSection = 'overview'): string {
  return `/environments/${encodeURIComponent(environmentId)}/${section}`;
}

/** Remembers the environment last opened, so that /environments and /playground can return to it. */
export function rememberEnvironment(environmentId: string) {
  try {
    window.localStorage.setItem(LAST_ENVIRONMENT_KEY, environmentId);
  } catch {
    // Storage can be disabled, and then the first environment is used.
  }
}

export function lastEnvironment(): string | null {
  try {
    return window.localStorage.getItem(LAST_ENVIRONMENT_KEY);
  } catch {
    return null;
  }
}
