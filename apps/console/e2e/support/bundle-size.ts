import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Page } from 'playwright-core';
import { CONSOLE_DIST } from './paths';

/**
 * Records the scripts the page loads while `load` runs, and returns their
 * total size after gzip (zlib level 9), read from the console build.
 * The API server sends them uncompressed, so this is what a compressing
 * proxy in front of it would transfer.
 */
export async function measureLoadedScripts(page: Page, load: () => Promise<void>): Promise<{ files: string[]; gzipBytes: number }> {
  const files = new Set<string>();
  const record = (request: { resourceType(): string; url(): string }) => {
    if (request.resourceType() === 'script') files.add(new URL(request.url()).pathname);
  };

  page.on('request', record);
  try {
    await load();
  } finally {
    page.off('request', record);
  }

  let gzipBytes = 0;
  for (const file of files) {
    const content = fs.readFileSync(path.join(CONSOLE_DIST, file));
    gzipBytes += zlib.gzipSync(content, { level: 9 }).length;
  }
  return { files: [...files].sort(), gzipBytes };
}
