import {
  allowHostSet,
  checkLinkAddresses,
  forbiddenAddressCategory,
  isIpLiteral,
  normalizeHost,
  parseIPv4,
  parseIPv6,
} from './link-guard';

describe('parseIPv4 / parseIPv6', () => {
  it('reads dotted quads and refuses look-alikes', () => {
    expect(parseIPv4('10.1.2.3')).toBe(10 * 2 ** 24 + 1 * 2 ** 16 + 2 * 256 + 3);
    expect(parseIPv4('255.255.255.255')).toBe(2 ** 32 - 1);
    for (const bad of ['10.1.2', '10.1.2.3.4', '256.1.1.1', '01.2.3.4', '1.2.3.x', '', 'example.com']) {
      expect(parseIPv4(bad)).toBeNull();
    }
  });

  it('reads compressed, full, bracketed, zoned and IPv4-tailed IPv6', () => {
    expect(parseIPv6('::1')).toEqual([0, 0, 0, 0, 0, 0, 0, 1]);
    expect(parseIPv6('[2001:db8::8a2e:370:7334]')).toEqual([0x2001, 0xdb8, 0, 0, 0, 0x8a2e, 0x370, 0x7334]);
    expect(parseIPv6('fe80::1%eth0')).toEqual([0xfe80, 0, 0, 0, 0, 0, 0, 1]);
    expect(parseIPv6('::ffff:192.168.0.1')).toEqual([0, 0, 0, 0, 0, 0xffff, 0xc0a8, 0x0001]);
    expect(parseIPv6('1:2:3:4:5:6:7:8')).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    for (const bad of [
      '1:2:3',
      '1::2::3',
      '1:2:3:4:5:6:7:8:9',
      '::ffff:1.2.3',
      'g::1',
      '10.0.0.1',
      '1:2:3:4:5:6:7::8',
    ]) {
      expect(parseIPv6(bad)).toBeNull();
    }
  });
});

describe('forbiddenAddressCategory', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['10.0.0.5', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'shared'],
    ['169.254.1.1', 'link-local'],
    ['169.254.169.254', 'metadata'],
    ['169.254.170.2', 'metadata'],
    ['100.100.100.200', 'metadata'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'reserved'],
  ])('IPv4 %s is %s', (address, category) => {
    expect(forbiddenAddressCategory(address)).toBe(category);
  });

  it.each(['8.8.8.8', '172.15.255.255', '172.32.0.0', '192.169.0.1', '100.128.0.1', '1.1.1.1', '203.0.113.7'])(
    'IPv4 %s is public',
    (address) => {
      expect(forbiddenAddressCategory(address)).toBeNull();
    },
  );

  it.each([
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'link-local'],
    ['febf:ffff::1', 'link-local'],
    ['fc00::1', 'unique-local'],
    ['fd12:3456::1', 'unique-local'],
    ['fd00:ec2::254', 'metadata'],
    ['ff02::1', 'multicast'],
    ['fec0::1', 'private'],
  ])('IPv6 %s is %s', (address, category) => {
    expect(forbiddenAddressCategory(address)).toBe(category);
  });

  it('judges IPv6 addresses that carry an IPv4 address by that address', () => {
    expect(forbiddenAddressCategory('::ffff:127.0.0.1')).toBe('loopback');
    expect(forbiddenAddressCategory('::ffff:7f00:1')).toBe('loopback'); // the same, written in hex
    expect(forbiddenAddressCategory('::ffff:169.254.169.254')).toBe('metadata');
    expect(forbiddenAddressCategory('::ffff:10.0.0.1')).toBe('private');
    expect(forbiddenAddressCategory('::ffff:8.8.8.8')).toBeNull();
    expect(forbiddenAddressCategory('::10.0.0.1')).toBe('private'); // IPv4-compatible (deprecated)
    expect(forbiddenAddressCategory('::ffff:0:192.168.0.1')).toBe('private'); // IPv4-translated
    expect(forbiddenAddressCategory('64:ff9b::a00:1')).toBe('private'); // NAT64 of 10.0.0.1
    expect(forbiddenAddressCategory('64:ff9b::808:808')).toBeNull(); // NAT64 of 8.8.8.8
    expect(forbiddenAddressCategory('64:ff9b:1::1')).toBe('private');
    expect(forbiddenAddressCategory('2002:7f00:1::1')).toBe('loopback'); // 6to4 of 127.0.0.1
    expect(forbiddenAddressCategory('2002:808:808::1')).toBeNull();
    // Teredo: the client address 127.0.0.1 is stored inverted (80ff:fffe).
    expect(forbiddenAddressCategory('2001:0:4136:e378:8000:63bf:80ff:fffe')).toBe('loopback');
  });

  it('treats public IPv6 as public and anything unparsable as forbidden', () => {
    expect(forbiddenAddressCategory('2606:4700:4700::1111')).toBeNull();
    expect(forbiddenAddressCategory('2a00:1450:4001:80b::200e')).toBeNull();
    expect(forbiddenAddressCategory('localhost')).toBe('reserved');
    expect(forbiddenAddressCategory('')).toBe('reserved');
  });
});

describe('checkLinkAddresses', () => {
  const none = allowHostSet(undefined);

  it('passes hosts whose every address is public', () => {
    expect(checkLinkAddresses('docs.example.com', ['93.184.216.34', '2606:2800:220:1::1'], none)).toEqual({ ok: true });
  });

  it('refuses a host with one private address among public ones, naming host, address and category', () => {
    expect(checkLinkAddresses('Intranet.Example.com.', ['93.184.216.34', '10.1.2.3'], none)).toEqual({
      ok: false,
      reason:
        'not checked: "intranet.example.com" resolves to 10.1.2.3, a private address (allow the host in ' +
        'INCIDENTS_RUNBOOK_LINK_ALLOW_HOSTS)',
    });
  });

  it('refuses literal loopback, metadata and mapped addresses', () => {
    expect(checkLinkAddresses('127.0.0.1', ['127.0.0.1'], none)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('"127.0.0.1" is a loopback address') as unknown,
    });
    expect(checkLinkAddresses('169.254.169.254', ['169.254.169.254'], none)).toMatchObject({ ok: false });
    expect(checkLinkAddresses('[::ffff:127.0.0.1]', ['::ffff:127.0.0.1'], none)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('loopback') as unknown,
    });
    expect(checkLinkAddresses('nowhere.example', [], none)).toEqual({
      ok: false,
      reason: 'host "nowhere.example" has no address',
    });
  });

  it('lets allow-listed hosts through whatever they resolve to, and only those', () => {
    const allow = allowHostSet(['127.0.0.1', ' Wiki.Internal ', '[::1]', '']);
    expect([...allow]).toEqual(['127.0.0.1', 'wiki.internal', '::1']);
    expect(checkLinkAddresses('127.0.0.1', ['127.0.0.1'], allow)).toEqual({ ok: true });
    expect(checkLinkAddresses('wiki.internal', ['10.0.0.7'], allow)).toEqual({ ok: true });
    expect(checkLinkAddresses('[::1]', ['::1'], allow)).toEqual({ ok: true });
    expect(checkLinkAddresses('127.0.0.2', ['127.0.0.2'], allow)).toMatchObject({ ok: false });
    expect(checkLinkAddresses('other.internal', ['10.0.0.7'], allow)).toMatchObject({ ok: false });
  });
});

describe('host helpers', () => {
  it('normalizes hosts and recognizes IP literals', () => {
    expect(normalizeHost(' [FE80::1] ')).toBe('fe80::1');
    expect(normalizeHost('Example.COM.')).toBe('example.com');
    expect(isIpLiteral('[::1]')).toBe(true);
    expect(isIpLiteral('10.0.0.1')).toBe(true);
    expect(isIpLiteral('example.com')).toBe(false);
  });
});
