import { ConfigError, loadConfig } from '../config';

describe('loadConfig', () => {
  it('applies the defaults', () => {
    const config = loadConfig({});
    expect(config.port).toBe(4000);
    expect(config.database.kind).toBe('sqlite');
    expect(config.publicUrl).toBe('http://localhost:4000');
    expect(config.secureCookies).toBe(false);
  });

  it.each([
    ['PORT', 'abc', /PORT must be a whole number/],
    ['PORT', '70000', /PORT/],
    ['DATABASE_URL', 'postgres://x', /DATABASE_URL must be a mysql:\/\/ URL/],
    ['WORKAPI_PUBLIC_URL', 'ftp://x', /WORKAPI_PUBLIC_URL/],
    ['WORKAPI_LOG_LEVEL', 'loud', /WORKAPI_LOG_LEVEL/],
    ['WORKAPI_TRUST_PROXY', 'maybe', /WORKAPI_TRUST_PROXY must be true or false/],
  ])('rejects %s=%s naming the variable', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });

  it('uses Secure cookies behind https', () => {
    expect(loadConfig({ WORKAPI_PUBLIC_URL: 'https://api.example.com/' }).secureCookies).toBe(true);
  });
});
