// The SSRF guard of external link checks: a runbook is written by a person, so its links may point anywhere,
// including the service's own network. Before a link is requested, its host's addresses are classified; any
// address that is not public is refused unless the host is on the allow-list. Pure: the caller resolves the host
// (and connects to the very address that was checked, so a second DNS answer cannot swap it).

/** Why an address is not public. */
export type AddressCategory =
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'shared'
  | 'link-local'
  | 'unique-local'
  | 'metadata'
  | 'multicast'
  | 'reserved';

/** Cloud metadata endpoints (AWS, GCP, Azure, OpenStack; ECS task metadata; Alibaba; AWS over IPv6). */
const METADATA_V4 = new Set(['169.254.169.254', '169.254.170.2', '100.100.100.200']);
const METADATA_V6 = ['fd00:ec2::254'];

type Cidr4 = [prefix: string, bits: number, category: AddressCategory];

const V4_RANGES: Cidr4[] = [
  ['0.0.0.0', 8, 'unspecified'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'shared'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'reserved'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'reserved'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'],
];

/** The address as a 32-bit number, or null when it is not a dotted-quad IPv4 address. */
export function parseIPv4(text: string): number | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    if (!/^(0|[1-9]\d{0,2})$/.test(part)) return null;
    const n = Number(part);
    if (n > 255) return null;
    value = value * 256 + n;
  }
  return value;
}

/** The address as eight 16-bit groups, or null when it is not an IPv6 address (a zone `%eth0` is ignored). */
export function parseIPv6(text: string): number[] | null {
  let address = text.replace(/^\[(.*)\]$/, '$1');
  const zone = address.indexOf('%');
  if (zone >= 0) address = address.slice(0, zone);
  if (!address.includes(':')) return null;
  // An embedded IPv4 tail (::ffff:192.0.2.1) becomes two groups.
  const lastColon = address.lastIndexOf(':');
  const tail = address.slice(lastColon + 1);
  if (tail.includes('.')) {
    const v4 = parseIPv4(tail);
    if (v4 === null) return null;
    address = `${address.slice(0, lastColon + 1)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const halves = address.split('::');
  if (halves.length > 2) return null;
  const groupsOf = (part: string): number[] | null => {
    if (part === '') return [];
    const groups = part.split(':');
    if (groups.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return null;
    return groups.map((g) => parseInt(g, 16));
  };
  const head = groupsOf(halves[0] ?? '');
  const rest = halves.length === 2 ? groupsOf(halves[1] ?? '') : [];
  if (head === null || rest === null) return null;
  if (halves.length === 1) return head.length === 8 ? head : null;
  const missing = 8 - head.length - rest.length;
  if (missing < 1) return null;
  return [...head, ...Array<number>(missing).fill(0), ...rest];
}

function categoryOfV4(value: number): AddressCategory | null {
  if (value === 0xffffffff) return 'reserved'; // broadcast, inside 240/4 anyway
  for (const [prefix, bits, category] of V4_RANGES) {
    const base = parseIPv4(prefix) ?? 0;
    const size = 2 ** (32 - bits);
    if (value >= base && value < base + size) {
      if (METADATA_V4.has(formatIPv4(value))) return 'metadata';
      return category;
    }
  }
  if (METADATA_V4.has(formatIPv4(value))) return 'metadata';
  return null;
}

function formatIPv4(value: number): string {
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
}

const v4Of = (high: number, low: number): number => high * 65536 + low;

function categoryOfV6(g: number[]): AddressCategory | null {
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = g;
  const zeroUpTo = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (METADATA_V6.some((m) => parseIPv6(m)?.every((x, i) => x === g[i]))) return 'metadata';
  if (zeroUpTo(8)) return 'unspecified';
  if (zeroUpTo(7) && g7 === 1) return 'loopback';
  // IPv4-mapped ::ffff:a.b.c.d and IPv4-compatible ::a.b.c.d: the IPv4 address decides.
  if (zeroUpTo(5) && (g5 === 0xffff || g5 === 0)) return categoryOfV4(v4Of(g6, g7));
  // IPv4-translated ::ffff:0:a.b.c.d (SIIT).
  if (zeroUpTo(4) && g4 === 0xffff && g5 === 0) return categoryOfV4(v4Of(g6, g7));
  // NAT64 well-known prefix 64:ff9b::/96 carries an IPv4 address; 64:ff9b:1::/48 is for local networks.
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) {
    return categoryOfV4(v4Of(g6, g7));
  }
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 1) return 'private';
  // 6to4 2002:AABB:CCDD::/48 routes to the IPv4 address AABBCCDD.
  if (g0 === 0x2002) return categoryOfV4(v4Of(g1, g2));
  // Teredo 2001:0::/32: the client's IPv4 address is the last 32 bits, inverted.
  if (g0 === 0x2001 && g1 === 0) return categoryOfV4(v4Of(g6 ^ 0xffff, g7 ^ 0xffff));
  if ((g0 & 0xffc0) === 0xfe80) return 'link-local';
  if ((g0 & 0xffc0) === 0xfec0) return 'private'; // deprecated site-local
  if ((g0 & 0xfe00) === 0xfc00) return 'unique-local';
  if ((g0 & 0xff00) === 0xff00) return 'multicast';
  return null;
}

/** Why `address` (IPv4 or IPv6 text) must not be requested, or null when it is a public address. */
export function forbiddenAddressCategory(address: string): AddressCategory | null {
  const v4 = parseIPv4(address);
  if (v4 !== null) return categoryOfV4(v4);
  const v6 = parseIPv6(address);
  if (v6 !== null) return categoryOfV6(v6);
  // Not an address at all: never connect to it.
  return 'reserved';
}

/** A URL host as compared with the allow-list: lower case, without IPv6 brackets or a trailing dot. */
export function normalizeHost(host: string): string {
  return host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '');
}

/** Whether the host is an IP address written out (no DNS resolution needed). */
export function isIpLiteral(host: string): boolean {
  const h = normalizeHost(host);
  return parseIPv4(h) !== null || parseIPv6(h) !== null;
}

export type AddressVerdict = { ok: true } | { ok: false; reason: string };

/**
 * Decides whether a link to `host` may be requested at `addresses` (what the host resolved to, or the literal
 * address itself). An allowed host passes whatever it resolves to; otherwise every address must be public, since
 * a client may connect to any of them.
 */
export function checkLinkAddresses(
  host: string,
  addresses: readonly string[],
  allowHosts: ReadonlySet<string>,
): AddressVerdict {
  const name = normalizeHost(host);
  if (allowHosts.has(name)) return { ok: true };
  if (addresses.length === 0) return { ok: false, reason: `host "${name}" has no address` };
  for (const address of addresses) {
    const category = forbiddenAddressCategory(address);
    if (category !== null) {
      const shown = normalizeHost(address) === name ? `"${name}" is` : `"${name}" resolves to ${address},`;
      return {
        ok: false,
        reason: `not checked: ${shown} a ${category} address (allow the host in INCIDENTS_RUNBOOK_LINK_ALLOW_HOSTS)`,
      };
    }
  }
  return { ok: true };
}

/** The allow-list of INCIDENTS_RUNBOOK_LINK_ALLOW_HOSTS as normalized host names. */
export function allowHostSet(hosts: readonly string[] | undefined): ReadonlySet<string> {
  return new Set((hosts ?? []).map(normalizeHost).filter((h) => h !== ''));
}
