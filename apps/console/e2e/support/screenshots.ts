import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { expectNoSeriousA11yViolations } from './accessibility';
import { SCREENSHOT_DIR } from './paths';

type StorageState = Exclude<BrowserContextOptions['storageState'], string | undefined>;

export const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'mobile', width: 390, height: 844 },
] as const;

export const COLOR_SCHEMES = ['light', 'dark'] as const;

interface CaptureOptions {
  browser: Browser;
  baseUrl: string;
  /** Console path to open, for example `/sign-in`. */
  path: string;
  /** File name prefix, for example `sign-in`. */
  name: string;
  /** Cookies and localStorage of a signed-in context. Omit it for signed-out pages. */
  storageState?: StorageState;
  /** Waits until the page shows what should be captured, or brings it into that state. */
  prepare: (page: Page) => Promise<void>;
  /** Selectors that axe skips, as in expectNoSeriousA11yViolations. */
  axeExclude?: string[];
  /**
   * Captures the whole scrollable page (default) or only the viewport. Open
   * dialogs and menus are fixed to the viewport, so a full-page capture would
   * show the page continuing below them.
   */
  fullPage?: boolean;
}

/**
 * Opens the page in the light and dark color schemes at a desktop and a phone
 * size, checks each with axe and saves a full-page screenshot of each.
 * The color scheme comes from the emulated system setting, so any stored
 * color mode is dropped from the storage state.
 */
export async function captureVariants({ browser, baseUrl, path: pagePath, name, storageState, prepare, axeExclude = [], fullPage = true }: CaptureOptions): Promise<void> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const state: StorageState = storageState
    ? {
        cookies: storageState.cookies,
        origins: storageState.origins.map((origin) => ({
          ...origin,
          localStorage: origin.localStorage.filter((entry) => entry.name !== 'workapi-color-mode'),
        })),
      }
    : { cookies: [], origins: [] };

  for (const colorScheme of COLOR_SCHEMES) {
    for (const viewport of VIEWPORTS) {
      const context = await browser.newContext({
        baseURL: baseUrl,
        colorScheme,
        viewport: { width: viewport.width, height: viewport.height },
        storageState: state,
      });
      context.setDefaultTimeout(10_000);
      try {
        const page = await context.newPage();
        await page.goto(pagePath);
        await prepare(page);
        const label = `${name} (${colorScheme}, ${viewport.name})`;
        await expectNoSeriousA11yViolations(page, label, axeExclude);
        await page.screenshot({
          path: path.join(SCREENSHOT_DIR, `${name}-${colorScheme}-${viewport.width}x${viewport.height}.png`),
          fullPage,
          animations: 'disabled',
        });
      } finally {
        await context.close();
      }
    }
  }
}
