/** An ES256 key pair made in the browser: the public key to send, the private key to hand to the developer. */
export interface BrowserKeyPair {
  publicKeyPem: string;
  privateKeyPem: string;
}

function toPem(label: string, der: ArrayBuffer): string {
  const bytes = new Uint8Array(der);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  const base64 = btoa(binary);
  const lines = base64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/** WebCrypto exists only in secure contexts (https, or http on localhost and 127.0.0.1). */
export function canGenerateInBrowser(): boolean {
  return typeof window !== 'undefined' && window.isSecureContext && typeof window.crypto?.subtle?.generateKey === 'function';
}

/**
 * Generates an ECDSA P-256 pair with WebCrypto and exports the public key as
 * SPKI PEM and the private key as PKCS#8 PEM. The private key stays in this
 * page's memory until the developer saves it.
 */
export async function generateBrowserKeyPair(): Promise<BrowserKeyPair> {
  const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
  const [spki, pkcs8] = await Promise.all([
    crypto.subtle.exportKey('spki', pair.publicKey),
    crypto.subtle.exportKey('pkcs8', pair.privateKey),
  ]);
  return { publicKeyPem: toPem('PUBLIC KEY', spki), privateKeyPem: toPem('PRIVATE KEY', pkcs8) };
}
