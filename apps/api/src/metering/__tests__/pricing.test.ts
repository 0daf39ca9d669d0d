import { defaultPriceTiers, formatCents, monthlyChargeCents, parsePriceTiers } from '../pricing';

describe('graduated price tiers', () => {
  const tiers = parsePriceTiers(defaultPriceTiers);

  it.each([
    [0, 0],
    [50_000, 0],
    [50_001, 0],
    [50_100, 3],
    [60_000, 300],
    [1_000_000, 28_500],
    [1_000_100, 28_502],
    [4_000_000, 88_500],
    [5_000_000, 104_500],
  ])('%p requests cost %p cents', (requests, cents) => {
    expect(monthlyChargeCents(requests, tiers)).toBe(cents);
  });

  it('formats cents as a decimal amount', () => {
    expect(formatCents(300)).toBe('3.00');
    expect(formatCents(5)).toBe('0.05');
    expect(formatCents(104_500)).toBe('1045.00');
  });

  it.each([
    ['', 'at least one tier'],
    ['50000:0', 'last tier must use *'],
    ['*:0,100:1', 'only the last tier'],
    ['100:0,50:1,*:2', 'bounds must increase'],
    ['100:abc,*:1', 'upTo:pricePer1000'],
  ])('rejects %p', (text, message) => {
    expect(() => parsePriceTiers(text)).toThrow(message);
  });
});
