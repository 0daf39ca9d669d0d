import { addressProblem } from '../message-rules';

describe('addressProblem', () => {
  it.each([
    'ada@analytical.example',
    'a@b.c',
    'user+tag@sub.example.org',
    "o'neil@example.ie",
    'first.last@example.com',
    'root@localhost',
    'jöran@exämple.com',
    `${'x'.repeat(64)}@${'d'.repeat(63)}.${'e'.repeat(63)}.${'f'.repeat(61)}`,
  ])('accepts %s', (address) => {
    expect(addressProblem(address)).toBeNull();
  });

  it.each([
    ['empty', '', /must not be empty/],
    ['CR LF header injection', 'a@b.c\r\nBcc: victim@example.com', /control characters/],
    ['NUL', 'a\u0000@b.c', /control characters/],
    ['spaces', 'not an email', /single address/],
    ['no-break space', 'a\u00a0b@c.d', /single address/],
    ['no @', 'nobody', /single address/],
    ['two @', 'a@b@c.d', /single address/],
    ['quoted local part', '"q"@b.c', /single address/],
    ['name and address', 'Ada <ada@analytical.example>', /single address/],
    ['two addresses', 'a@b.c,d@e.f', /single address/],
    ['double dot', 'a..b@c.d', /single address/],
    ['leading hyphen label', 'a@-b.c', /domain/],
    ['trailing dot', 'a@b.c.', /domain/],
    ['address literal', 'a@[192.0.2.1]', /domain/],
    ['local part over 64 bytes', `${'x'.repeat(65)}@b.c`, /local part/],
    ['over 254 bytes', `${'x'.repeat(60)}@${'d'.repeat(63)}.${'e'.repeat(63)}.${'f'.repeat(63)}.gg`, /at most 254 bytes/],
    ['over 254 bytes in UTF-8', `${'x'.repeat(60)}@${'d'.repeat(63)}.${'e'.repeat(63)}.${'f'.repeat(63)}.ö`, /at most 254 bytes/],
  ])('rejects %s', (_case, address, message) => {
    expect(addressProblem(address)).toMatch(message);
  });
});
