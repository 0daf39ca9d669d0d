import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expectNoSeriousA11yViolations } from './support/accessibility';
import { startApiServer, type ApiServer } from './support/api-server';
import { launchChromium } from './support/browser';
import { measureLoadedScripts } from './support/bundle-size';
import { captureVariants } from './support/screenshots';

// Scripts of a first, uncached load of the signed-in home page, gzip-compressed.
// For a new account that is the first-environment form, measured at about
// 294 KiB with React 19, MUI 9, Apollo Client 4, react-router 7, and zod with
// react-hook-form for the form (about 37 KiB of it). The budget catches an
// eagerly imported large module such as the GraphiQL editor, which must stay
// behind a lazy route.
const SIGNED_IN_SCRIPT_BUDGET_KIB = 300;

const developer = {
  name: 'Ada Lovelace',
  email: `ada-${Date.now()}@example.com`,
  password: 'analytical-engine-1843',
};

let server: ApiServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let graphqlRequests = 0;

function emailInput(target: Page) {
  return target.getByRole('textbox', { name: 'Email' });
}

function passwordInput(target: Page) {
  // Playwright gives password inputs the textbox role, and this name does not match the "Show password" button.
  return target.getByRole('textbox', { name: 'Password', exact: true });
}

function heading(target: Page, name: string) {
  return target.getByRole('heading', { name, exact: true });
}

async function signOutThroughMenu(target: Page) {
  await target.getByRole('button', { name: `Account menu for ${developer.name}` }).click();
  await target.getByRole('menuitem', { name: 'Sign out' }).click();
  await heading(target, 'Sign in to Work API').waitFor();
}

beforeAll(async () => {
  server = await startApiServer();
  browser = await launchChromium();
  context = await browser.newContext({ baseURL: server.baseUrl, viewport: { width: 1280, height: 800 }, colorScheme: 'light' });
  context.setDefaultTimeout(10_000);
  page = await context.newPage();
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/graphql') graphqlRequests += 1;
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('console accounts walk', () => {
  test('signed-out visitor lands on sign-in', async () => {
    await page.goto('/');

    await heading(page, 'Sign in to Work API').waitFor();
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/');
    expect(await page.title()).toBe('Sign in to Work API · Work API');
    await expectNoSeriousA11yViolations(page, 'sign-in');
  });

  test('sign-up validates before sending', async () => {
    await page.getByRole('link', { name: 'Create an account' }).click();
    await heading(page, 'Create your account').waitFor();
    const requestsBefore = graphqlRequests;

    await page.getByRole('button', { name: 'Create account' }).click();

    await page.getByText('Enter your name').waitFor();
    expect(await page.getByText('Enter your email address').isVisible()).toBe(true);
    expect(await page.getByText('Use at least 12 characters').isVisible()).toBe(true);
    expect(graphqlRequests).toBe(requestsBefore);
    // The first invalid field receives focus, so a keyboard user can fix it at once.
    expect(await page.getByRole('textbox', { name: 'Name' }).evaluate((input) => input === document.activeElement)).toBe(true);
    await expectNoSeriousA11yViolations(page, 'sign-up with validation errors');
  });

  test('sign-up opens the empty environments page', async () => {
    await page.getByRole('textbox', { name: 'Name' }).fill(developer.name);
    await emailInput(page).fill(developer.email);
    await passwordInput(page).fill(developer.password);
    await page.getByRole('button', { name: 'Create account' }).click();

    await heading(page, 'Create your first environment').waitFor();
    expect(new URL(page.url()).pathname).toBe('/environments');
    expect(await page.getByRole('button', { name: 'Create environment' }).isEnabled()).toBe(true);
    await expectNoSeriousA11yViolations(page, 'environments');
  });

  test('sign-out through the account menu', async () => {
    await signOutThroughMenu(page);

    expect(new URL(page.url()).pathname).toBe('/sign-in');
    // Signing out is not a reason to come back to the same page.
    expect(new URL(page.url()).searchParams.has('next')).toBe(false);
    await page.goto('/environments');
    await heading(page, 'Sign in to Work API').waitFor();
  });

  test('sign-up with a taken email shows CONFLICT', async () => {
    await page.goto('/sign-up');
    await page.getByRole('textbox', { name: 'Name' }).fill('Someone Else');
    await emailInput(page).fill(developer.email);
    await passwordInput(page).fill('another-long-password');
    await page.getByRole('button', { name: 'Create account' }).click();

    const alert = page.getByRole('alert').filter({ hasText: 'An account with this email already exists' });
    await alert.waitFor();
    expect(new URL(page.url()).pathname).toBe('/sign-up');
  });

  test('sign-in with a wrong password is rejected', async () => {
    await page.goto('/sign-in');
    await emailInput(page).fill(developer.email);
    await passwordInput(page).fill('not-the-right-password');
    await page.getByRole('button', { name: 'Sign in' }).click();

    await page.getByRole('alert').filter({ hasText: 'The email or password is incorrect.' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/sign-in');
  });

  test('sign-in with the keyboard only', async () => {
    await page.goto('/sign-in?next=%2Fenvironments');
    await emailInput(page).waitFor();

    // The email field has focus on arrival, so the whole form works without a mouse.
    await page.keyboard.type(developer.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(developer.password);
    await page.keyboard.press('Enter');

    await heading(page, 'Create your first environment').waitFor();
    expect(new URL(page.url()).pathname).toBe('/environments');
  });

  test('reload keeps the session', async () => {
    await page.reload();

    await heading(page, 'Create your first environment').waitFor();
    expect(new URL(page.url()).pathname).toBe('/environments');
    expect(await page.getByRole('button', { name: `Account menu for ${developer.name}` }).isVisible()).toBe(true);
  });

  test('signed-in first load within script budget', async () => {
    const fresh = await browser.newContext({ baseURL: server.baseUrl, storageState: await context.storageState() });
    try {
      const freshPage = await fresh.newPage();
      const { files, gzipBytes } = await measureLoadedScripts(freshPage, async () => {
        await freshPage.goto('/environments');
        await heading(freshPage, 'Create your first environment').waitFor();
      });

      expect(files.length).toBeGreaterThan(0);
      expect(Math.round(gzipBytes / 1024)).toBeLessThanOrEqual(SIGNED_IN_SCRIPT_BUDGET_KIB);
    } finally {
      await fresh.close();
    }
  });

  test('color mode toggle persists across reloads', async () => {
    await page.getByRole('button', { name: 'Switch to dark mode' }).click();
    expect(await page.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(true);

    await page.reload();
    await heading(page, 'Create your first environment').waitFor();

    expect(await page.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(true);
    expect(await page.getByRole('button', { name: 'Switch to light mode' }).isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Switch to light mode' }).click();
  });

  test('account menu works from the keyboard', async () => {
    const menuButton = page.getByRole('button', { name: `Account menu for ${developer.name}` });
    await menuButton.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('menuitem', { name: 'Sign out' }).waitFor();
    await page.keyboard.press('Escape');

    await page.getByRole('menu').waitFor({ state: 'hidden' });
    expect(await menuButton.evaluate((button) => button === document.activeElement)).toBe(true);
  });
});

describe('console server errors', () => {
  // These replace the server's response, to check how the console reads
  // `extensions` for errors that are hard to cause from a browser.
  afterEach(async () => {
    await page.unrouteAll({ behavior: 'wait' });
  });

  test('THROTTLED shows the retry delay and blocks submitting', async () => {
    await signOutThroughMenu(page);
    await page.route('**/graphql', async (route) => {
      if (route.request().postDataJSON()?.operationName !== 'SignIn') return route.fallback();
      return route.fulfill({
        status: 429,
        headers: { 'content-type': 'application/graphql-response+json', 'retry-after': '30' },
        body: JSON.stringify({
          errors: [{ message: 'Too many failed sign-ins.', extensions: { code: 'THROTTLED', retryAfterSeconds: 30 } }],
          data: null,
        }),
      });
    });

    await emailInput(page).fill(developer.email);
    await passwordInput(page).fill(developer.password);
    await page.getByRole('button', { name: 'Sign in' }).click();

    await page.getByRole('alert').filter({ hasText: 'Too many attempts, try again in 30 seconds.' }).waitFor();
    expect(await page.getByRole('button', { name: 'Sign in' }).isDisabled()).toBe(true);
  });

  test('BAD_USER_INPUT appears under its field', async () => {
    await page.goto('/sign-up');
    await page.route('**/graphql', async (route) => {
      if (route.request().postDataJSON()?.operationName !== 'SignUp') return route.fallback();
      return route.fulfill({
        status: 400,
        headers: { 'content-type': 'application/graphql-response+json' },
        body: JSON.stringify({
          errors: [{ message: 'email is on a blocked domain.', extensions: { code: 'BAD_USER_INPUT', field: 'email' } }],
          data: null,
        }),
      });
    });

    await page.getByRole('textbox', { name: 'Name' }).fill('Grace Hopper');
    await emailInput(page).fill('grace@example.com');
    await passwordInput(page).fill('compiler-pioneer-1952');
    await page.getByRole('button', { name: 'Create account' }).click();

    await page.getByText('email is on a blocked domain.').waitFor();
    expect(await emailInput(page).getAttribute('aria-invalid')).toBe('true');
    expect(await emailInput(page).evaluate((input) => input === document.activeElement)).toBe(true);
    expect(await page.getByRole('alert').count()).toBe(0);
  });

  test('INTERNAL_SERVER_ERROR shows the request id', async () => {
    await page.goto('/sign-in');
    await page.route('**/graphql', async (route) => {
      if (route.request().postDataJSON()?.operationName !== 'SignIn') return route.fallback();
      return route.fulfill({
        status: 500,
        headers: { 'content-type': 'application/graphql-response+json' },
        body: JSON.stringify({
          errors: [{ message: 'Internal server error.', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'req-42' } }],
          data: null,
        }),
      });
    });

    await emailInput(page).fill(developer.email);
    await passwordInput(page).fill(developer.password);
    await page.getByRole('button', { name: 'Sign in' }).click();

    await page.getByRole('alert').filter({ hasText: 'report request ID req-42' }).waitFor();
  });
});

describe('console screenshots', () => {
  test('sign-in in each color scheme and size', async () => {
    await captureVariants({
      browser,
      baseUrl: server.baseUrl,
      path: '/sign-in',
      name: 'sign-in',
      prepare: async (target) => {
        await heading(target, 'Sign in to Work API').waitFor();
      },
    });
  });

  test('sign-up errors in each color scheme and size', async () => {
    await captureVariants({
      browser,
      baseUrl: server.baseUrl,
      path: '/sign-up',
      name: 'sign-up-errors',
      prepare: async (target) => {
        await heading(target, 'Create your account').waitFor();
        await target.getByRole('button', { name: 'Create account' }).click();
        await target.getByText('Enter your name').waitFor();
      },
    });
  });

  test('environments in each color scheme and size', async () => {
    await page.goto('/sign-in');
    await emailInput(page).fill(developer.email);
    await passwordInput(page).fill(developer.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await heading(page, 'Create your first environment').waitFor();
    const storageState = await context.storageState();

    await captureVariants({
      browser,
      baseUrl: server.baseUrl,
      path: '/environments',
      name: 'environments',
      storageState,
      prepare: async (target) => {
        await heading(target, 'Create your first environment').waitFor();
      },
    });
  });

  test('account menu open in each color scheme and size', async () => {
    const storageState = await context.storageState();

    await captureVariants({
      browser,
      baseUrl: server.baseUrl,
      path: '/environments',
      name: 'account-menu',
      storageState,
      prepare: async (target) => {
        await target.getByRole('button', { name: `Account menu for ${developer.name}` }).click();
        await target.getByRole('menuitem', { name: 'Sign out' }).waitFor();
      },
    });
  });
});
