import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  AddressSpace,
  allocateSubnet,
  claimSubnet,
  contains,
  formatCidr,
  formatIp,
  GLOBAL_POOLS,
  LOCAL_POOLS,
  parseCidr,
  parseIp,
  type Cidr,
} from "../src/net/ipam";

const cidr = (s: string): Cidr => {
  const r = parseCidr(s);
  if (!r.ok) throw new Error(s);
  return r.value;
};

describe("addresses", () => {
  it("parse and format round-trip, and reject what Docker rejects", () => {
    expect(formatIp(parseIp("192.168.1.10")!)).toBe("192.168.1.10");
    for (const bad of ["256.1.1.1", "1.2.3", "01.2.3.4", "a.b.c.d", ""]) expect(parseIp(bad)).toBeNull();
    expect(parseCidr("10.0.1.7/24")).toEqual({ ok: true, value: cidr("10.0.1.0/24") });
    expect(parseCidr("10.0.0.0/33")).toEqual({ ok: false, error: { code: "invalid-cidr", data: { value: "10.0.0.0/33" } } });
  });
});

describe("subnet allocation from Docker's default pools", () => {
  it("gives ingress 10.0.0.0/24 and the first user overlay 10.0.1.0/24", () => {
    const ingress = allocateSubnet(GLOBAL_POOLS, [], "global");
    expect(ingress.ok && formatCidr(ingress.value)).toBe("10.0.0.0/24");
    const first = allocateSubnet(GLOBAL_POOLS, [cidr("10.0.0.0/24")], "global");
    expect(first.ok && formatCidr(first.value)).toBe("10.0.1.0/24");
  });

  it("gives docker0 172.17.0.0/16, docker_gwbridge 172.18.0.0/16, then walks the /14s and 192.168/20s", () => {
    const used: Cidr[] = [];
    const got: string[] = [];
    for (let i = 0; i < 16; i++) {
      const r = allocateSubnet(LOCAL_POOLS, used, "local");
      if (!r.ok) throw new Error("exhausted");
      used.push(r.value);
      got.push(formatCidr(r.value));
    }
    expect(got.slice(0, 4)).toEqual(["172.17.0.0/16", "172.18.0.0/16", "172.19.0.0/16", "172.20.0.0/16"]);
    expect(got[15]).toBe("192.168.0.0/20");
  });

  it("skips a user subnet that overlaps the next candidate", () => {
    const r = allocateSubnet(GLOBAL_POOLS, [cidr("10.0.0.0/24"), cidr("10.0.0.0/16")], "global");
    expect(r.ok && formatCidr(r.value)).toBe("10.1.0.0/24");
  });

  it("never returns a subnet overlapping one in use", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 16, max: 28 })), { maxLength: 30 }), (specs) => {
        const used = specs.map(([b, p]) => cidr(`10.${b}.0.0/${p}`));
        const r = allocateSubnet(GLOBAL_POOLS, used, "global");
        return !r.ok || used.every((u) => !(u.base <= r.value.base + 255 && r.value.base <= u.base + 2 ** (32 - u.prefix) - 1));
      }),
    );
  });

  it("refuses an overlapping requested subnet", () => {
    expect(claimSubnet(cidr("172.17.5.0/24"), [cidr("172.17.0.0/16")])).toEqual({
      ok: false,
      error: { code: "pool-overlap", data: { subnet: "172.17.5.0/24" } },
    });
  });
});

describe("AddressSpace", () => {
  it("puts the gateway on .1 and hands out .2, .3 … in order", () => {
    const space = new AddressSpace(cidr("10.0.1.0/24"));
    expect(formatIp(space.gateway)).toBe("10.0.1.1");
    const ips = [space.allocate(), space.allocate()].map((r) => r.ok && formatIp(r.value));
    expect(ips).toEqual(["10.0.1.2", "10.0.1.3"]);
  });

  it("never hands out the same address twice, and every address lies inside the subnet", () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { maxLength: 300 }), (ops) => {
        const subnet = cidr("10.5.0.0/24");
        const space = new AddressSpace(subnet);
        const live = new Set<number>();
        for (const allocate of ops) {
          if (allocate || live.size === 0) {
            const r = space.allocate();
            if (!r.ok) return live.size === 253;
            if (live.has(r.value) || !contains(subnet, r.value) || r.value === subnet.base || r.value === subnet.base + 255 || r.value === space.gateway) return false;
            live.add(r.value);
          } else {
            const ip = [...live][0];
            live.delete(ip);
            space.release(ip);
          }
        }
        return true;
      }),
    );
  });

  it("says when a subnet is full", () => {
    const space = new AddressSpace(cidr("10.9.0.0/30"));
    expect(space.allocate().ok).toBe(true);
    expect(space.allocate()).toEqual({ ok: false, error: { code: "subnet-full", data: { subnet: "10.9.0.0/30" } } });
  });
});
