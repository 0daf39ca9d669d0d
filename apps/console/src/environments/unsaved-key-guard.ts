import { useEffect } from 'react';

/** Asks the browser to confirm leaving or reloading the page while `active` (an unsaved private key is on screen). */
export function useUnsavedKeyGuard(active: boolean) {
  useEffect(() => {
    if (!active) return undefined;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers show the prompt only when returnValue is set.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [active]);
}
