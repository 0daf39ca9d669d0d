import { ConfigError, loadConfig } from '../../config/config';

describe('metering configuration', () => {
  it('defaults follow the documented limits and prices', () => {
    const metering = loadConfig({}).metering;
    expect(metering).toMatchObject({
      enabled: true,
      maxQueryCost: 1000,
      maxQueryDepth: 6,
      maxAliases: 15,
      maxTokens: 1000,
      throttleCapacity: 1000,
      throttleRestoreRate: 50,
      redisUrl: null,
      freeRequestsPerMonth: 50_000,
      currency: 'EUR',
    });
    expect(metering.priceTiers).toHaveLength(4);
  });

  it('invalid price tiers name the variable and the default', () => {
    expect(() => loadConfig({ WORKAPI_PRICE_TIERS: '1000:x' })).toThrow(ConfigError);
    expect(() => loadConfig({ WORKAPI_PRICE_TIERS: '1000:x' })).toThrow(/WORKAPI_PRICE_TIERS .*the default is 50000:0/);
  });

  it('bucket smaller than the maximum cost is rejected', () => {
    expect(() => loadConfig({ WORKAPI_THROTTLE_CAPACITY: '500' })).toThrow(/WORKAPI_THROTTLE_CAPACITY \(500\) must be at least WORKAPI_MAX_QUERY_COST \(1000\)/);
  });

  it('Redis URL must use the redis scheme', () => {
    expect(() => loadConfig({ WORKAPI_REDIS_URL: 'http://127.0.0.1:6379' })).toThrow(/WORKAPI_REDIS_URL must be a redis:\/\//);
    expect(loadConfig({ WORKAPI_REDIS_URL: 'redis://127.0.0.1:6379' }).metering.redisUrl).toBe('redis://127.0.0.1:6379');
  });

  it('WORKAPI_METERING=false switches metering off', () => {
    expect(loadConfig({ WORKAPI_METERING: 'false' }).metering.enabled).toBe(false);
  });
});
