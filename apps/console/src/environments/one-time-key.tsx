import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { PrivateKeyDialog, type OneTimeKey } from './private-key-dialog';

type ShowPrivateKey = (key: OneTimeKey) => void;

const OneTimeKeyContext = createContext<ShowPrivateKey | null>(null);

/**
 * Holds a private key on screen above every page, so that navigating to the
 * new environment does not drop it. Once the developer confirms saving it,
 * the key is cleared from memory.
 */
export function OneTimeKeyProvider({ children }: { children: ReactNode }) {
  const [key, setKey] = useState<OneTimeKey | null>(null);
  const show = useCallback<ShowPrivateKey>((next) => setKey(next), []);
  const value = useMemo(() => show, [show]);

  return (
    <OneTimeKeyContext value={value}>
      {children}
      <PrivateKeyDialog oneTimeKey={key} onDone={() => setKey(null)} />
    </OneTimeKeyContext>
  );
}

export function useShowPrivateKey(): ShowPrivateKey {
  const show = useContext(OneTimeKeyContext);
  if (!show) throw new Error('useShowPrivateKey must be called inside OneTimeKeyProvider.');
  return show;
}
