import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { ConfigError, loadConfig } from '../config';

const mysqlUrl = 'mysql://workapi:workapi@127.0.0.1:3306/workapi';

describe('WORKAPI_PROVIDER_<KIND>_<ENDPOINT>', () => {
  it('replaces one endpoint of a kind', () => {
    const config = loadConfig({ WORKAPI_PROVIDER_GMAIL_TOKEN_URL: 'http://127.0.0.1:9000/token/' });
    expect(config.providerEndpointOverrides).toEqual({ GMAIL: { tokenUrl: 'http://127.0.0.1:9000/token' } });
  });

  it.each([
    ['WORKAPI_PROVIDER_GMAIL_TOKEN_URL', 'ftp://127.0.0.1/token', /WORKAPI_PROVIDER_GMAIL_TOKEN_URL must start with http/],
    ['WORKAPI_PROVIDER_ONEDRIVE_API_BASE_URL', 'not a url', /WORKAPI_PROVIDER_ONEDRIVE_API_BASE_URL must be an absolute URL/],
    ['WORKAPI_PROVIDER_SANDBOX_AUTHORIZATION_URL', '/relative', /WORKAPI_PROVIDER_SANDBOX_AUTHORIZATION_URL/],
    ['WORKAPI_PROVIDER_OUTLOOK_MAIL_REVOCATION_URL', 'mailto:x@example.com', /WORKAPI_PROVIDER_OUTLOOK_MAIL_REVOCATION_URL/],
  ])('rejects %s=%s naming the variable', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });
});

describe('WORKAPI_ENCRYPTION_KEYS', () => {
  it('is optional on the embedded default', () => {
    expect(loadConfig({}).encryptionKeys).toBeNull();
  });

  it('is read in order', () => {
    const config = loadConfig({
      WORKAPI_ENCRYPTION_KEYS: `new:${randomBytes(32).toString('base64')},old:${randomBytes(32).toString('base64')}`,
    });
    expect(config.encryptionKeys?.map((key) => key.id)).toEqual(['new', 'old']);
  });

  it('is required with DATABASE_URL', () => {
    expect(() => loadConfig({ DATABASE_URL: mysqlUrl })).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_URL: mysqlUrl })).toThrow(/WORKAPI_ENCRYPTION_KEYS is required when DATABASE_URL is set/);
    expect(() => loadConfig({ DATABASE_URL: mysqlUrl })).toThrow(/openssl rand -base64 32/);
  });

  it('rejects a malformed key without quoting it', () => {
    const shortKey = randomBytes(16).toString('base64');
    const load = () => loadConfig({ DATABASE_URL: mysqlUrl, WORKAPI_ENCRYPTION_KEYS: `k1:${shortKey}` });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/WORKAPI_ENCRYPTION_KEYS key "k1" must decode to exactly 32 bytes/);
    expect(load).toThrow(expect.objectContaining({ message: expect.not.stringContaining(shortKey) }));
  });

  it('stops the server with DATABASE_URL and no key', () => {
    const apiDir = path.resolve(__dirname, '../../..');
    const result = spawnSync(process.execPath, ['-r', '@swc-node/register', 'src/main.ts'], {
      cwd: apiDir,
      env: { PATH: process.env.PATH, SWC_NODE_PROJECT: 'tsconfig.json', DATABASE_URL: mysqlUrl },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('WORKAPI_ENCRYPTION_KEYS is required when DATABASE_URL is set');
    expect(result.stderr).toContain('openssl rand -base64 32');
  });
});
