/**
 * IPv4 address management the way Docker's default IPAM does it: subnets carved from ordered default
 * pools (local scope for bridges, global scope for swarm overlays), the gateway on the first host
 * address, then addresses handed out in order, never reusing one that is taken.
 */

export interface Cidr {
  /** Network address as an unsigned 32-bit number. */
  base: number;
  prefix: number;
}

export type IpamError =
  | { code: "invalid-ip"; data: { value: string } }
  | { code: "invalid-cidr"; data: { value: string } }
  | { code: "pool-overlap"; data: { subnet: string } }
  | { code: "pools-exhausted"; data: { scope: "local" | "global" } }
  | { code: "subnet-full"; data: { subnet: string } }
  | { code: "address-in-use"; data: { ip: string } };

export type Result<T, E> = { ok: true; value: T } | { ok: false; error: E };
const ok = <T>(value: T) => ({ ok: true as const, value });
const fail = <E>(error: E) => ({ ok: false as const, error });

export function parseIp(value: string): number | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(value);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  if (parts.some((p, i) => p > 255 || (m[i + 1].length > 1 && m[i + 1].startsWith("0")))) return null;
  return ((parts[0] << 24) | (parts[1] << 16) | (parts[2] << 8) | parts[3]) >>> 0;
}

export function formatIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join(".");
}

export const mask = (prefix: number) => (prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0);
export const size = (c: Cidr) => 2 ** (32 - c.prefix);
export const lastAddress = (c: Cidr) => (c.base + size(c) - 1) >>> 0;

/** `10.0.1.0/24` → Cidr. Like Go's net.ParseCIDR, host bits are masked off. */
export function parseCidr(value: string): Result<Cidr, IpamError> {
  const m = /^([^/]+)\/(\d{1,2})$/.exec(value);
  const ip = m ? parseIp(m[1]) : null;
  const prefix = m ? Number(m[2]) : NaN;
  if (ip === null || !(prefix >= 0 && prefix <= 32)) return fail({ code: "invalid-cidr", data: { value } });
  return ok({ base: (ip & mask(prefix)) >>> 0, prefix });
}

export const formatCidr = (c: Cidr) => `${formatIp(c.base)}/${c.prefix}`;
export const contains = (c: Cidr, ip: number) => ip >>> 0 >= c.base && ip >>> 0 <= lastAddress(c);
export const overlaps = (a: Cidr, b: Cidr) => a.base <= lastAddress(b) && b.base <= lastAddress(a);

interface Pool {
  base: string;
  size: number;
}

/** Docker's default local-scope pools, in order (libnetwork ipamutils localScopeDefaultNetworks). */
export const LOCAL_POOLS: readonly Pool[] = [
  { base: "172.17.0.0/16", size: 16 },
  { base: "172.18.0.0/16", size: 16 },
  { base: "172.19.0.0/16", size: 16 },
  { base: "172.20.0.0/14", size: 16 },
  { base: "172.24.0.0/14", size: 16 },
  { base: "172.28.0.0/14", size: 16 },
  { base: "192.168.0.0/16", size: 20 },
];

/** The global-scope default (swarm overlays): 10.0.0.0/8 in /24s, so ingress gets 10.0.0.0/24. */
export const GLOBAL_POOLS: readonly Pool[] = [{ base: "10.0.0.0/8", size: 24 }];

/**
 * The first subnet of the pools that overlaps none of `used`. Walks candidate subnets in order but
 * skips past each overlapping used range at once, so it stays fast with thousands of networks.
 */
export function allocateSubnet(pools: readonly Pool[], used: readonly Cidr[], scope: "local" | "global"): Result<Cidr, IpamError> {
  const sorted = [...used].sort((a, b) => a.base - b.base);
  for (const pool of pools) {
    const range = parseCidr(pool.base);
    if (!range.ok) throw new Error(`bad built-in pool ${pool.base}`);
    const step = 2 ** (32 - pool.size);
    let candidate = range.value.base;
    const end = lastAddress(range.value);
    while (candidate + step - 1 <= end) {
      const subnet = { base: candidate >>> 0, prefix: pool.size };
      const clash = sorted.find((u) => overlaps(u, subnet));
      if (!clash) return ok(subnet);
      // Jump to the first aligned candidate after the clashing range.
      const after = lastAddress(clash) + 1;
      candidate = Math.max(candidate + step, Math.ceil(after / step) * step);
    }
  }
  return fail({ code: "pools-exhausted", data: { scope } });
}

/** Refuses a requested subnet that overlaps one in use (bridge networks; Docker ≥ 27 adds a prefix). */
export function claimSubnet(requested: Cidr, used: readonly Cidr[]): Result<Cidr, IpamError> {
  return used.some((u) => overlaps(u, requested)) ? fail({ code: "pool-overlap", data: { subnet: formatCidr(requested) } }) : ok(requested);
}

/**
 * Addresses of one subnet. The gateway is the first host address unless given; endpoints get the next
 * free address in order. Network and broadcast addresses are never handed out.
 */
export class AddressSpace {
  private readonly taken = new Set<number>();
  private cursor: number;
  /** The addresses handed out: the subnet's hosts, or only those of `--ip-range` (libnetwork's sub-pool). */
  private readonly first: number;
  private readonly last: number;

  constructor(
    readonly subnet: Cidr,
    readonly gateway: number = (subnet.base + 1) >>> 0,
    taken: Iterable<number> = [],
    /** Where the next search starts (serial allocation: a released address is not reused at once). */
    cursor?: number,
    range?: Cidr,
  ) {
    this.taken.add(gateway);
    for (const ip of taken) this.taken.add(ip);
    this.first = Math.max((subnet.base + 1) >>> 0, range?.base ?? 0);
    this.last = Math.min((lastAddress(subnet) - 1) >>> 0, range ? lastAddress(range) : Infinity);
    this.cursor = cursor ?? this.first;
  }

  /** The search position, to keep in saved state so a restored space allocates the same way. */
  get next(): number {
    return this.cursor;
  }

  allocate(): Result<number, IpamError> {
    const { first, last } = this;
    const span = last - first + 1;
    for (let i = 0; i < span; i++) {
      const ip = first + ((this.cursor - first + i) % span);
      if (!this.taken.has(ip)) {
        this.taken.add(ip);
        this.cursor = ip + 1 > last ? first : ip + 1;
        return ok(ip >>> 0);
      }
    }
    return fail({ code: "subnet-full", data: { subnet: formatCidr(this.subnet) } });
  }

  /** Takes a chosen address (`--ip`): anywhere in the subnet, inside the range or not, if it is free. */
  claim(ip: number): Result<number, IpamError> {
    if (!contains(this.subnet, ip) || ip === this.subnet.base || ip === lastAddress(this.subnet)) return fail({ code: "invalid-ip", data: { value: formatIp(ip) } });
    if (this.taken.has(ip)) return fail({ code: "address-in-use", data: { ip: formatIp(ip) } });
    this.taken.add(ip);
    return ok(ip);
  }

  release(ip: number): void {
    if (ip !== this.gateway) this.taken.delete(ip);
  }

  has(ip: number): boolean {
    return this.taken.has(ip);
  }
}

/** Go's strconv.Quote for the ASCII text users type. */
const goQuoted = (s: string) => JSON.stringify(s);

/** Go's netip.ParseAddr for IPv4 text: the address, or the error Go prints (IPv6 text is the caller's to refuse). */
export function netipParseAddr(s: string): number | string {
  const fail = (msg: string, at?: string) => `ParseAddr(${goQuoted(s)}): ${msg}${at === undefined ? "" : ` (at ${goQuoted(at)})`}`;
  if (!s.includes(".")) return fail("unable to parse IP");
  let val = 0;
  let digits = 0;
  let pos = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c >= "0" && c <= "9") {
      if (digits === 1 && val === 0) return fail("IPv4 field has octet with leading zero");
      val = val * 10 + Number(c);
      digits++;
      if (val > 255) return fail("IPv4 field has value >255");
    } else if (c === ".") {
      if (i === 0 || i === s.length - 1 || s[i - 1] === ".") return fail("IPv4 field must have at least one digit", s.slice(i));
      if (pos === 3) return fail("IPv4 address too long");
      pos++;
      val = 0;
      digits = 0;
    } else return fail("unexpected character", s.slice(i));
  }
  if (pos < 3) return fail("IPv4 address too short");
  return parseIp(s)!;
}

/** Go's netip.ParsePrefix for IPv4 text: the prefix as written (host bits kept), or Go's error text. */
export function netipParsePrefix(s: string): { ip: number; prefix: number } | string {
  const fail = (msg: string) => `netip.ParsePrefix(${goQuoted(s)}): ${msg}`;
  const slash = s.lastIndexOf("/");
  if (slash < 0) return fail("no '/'");
  const ip = netipParseAddr(s.slice(0, slash));
  if (typeof ip === "string") return fail(ip);
  const bits = s.slice(slash + 1);
  if ((bits.length > 1 && !(bits[0] >= "1" && bits[0] <= "9")) || !/^\d+$/.test(bits)) return fail(`bad bits after slash: ${goQuoted(bits)}`);
  if (Number(bits) > 32) return fail("prefix length out of range");
  return { ip, prefix: Number(bits) };
}
