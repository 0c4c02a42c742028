import { describe, expect, it } from "vitest";
import { clientIpFrom } from "./client-ip";
import { sameOrigin } from "./origin";

const xff = (value: string, more: Record<string, string> = {}) => new Headers({ "x-forwarded-for": value, ...more });

describe("clientIpFrom", () => {
  it("ignores what the client wrote left of the trusted proxies' entries", () => {
    // Rotating a spoofed first entry no longer changes the address (it did: the first entry was used).
    for (const spoof of ["1.1.1.1", "2.2.2.2", "10.0.0.1, 3.3.3.3"]) {
      expect(clientIpFrom(xff(`${spoof}, 203.0.113.7`), { trustedProxies: 1 })).toBe("203.0.113.7");
    }
  });

  it("with two proxies, distinct clients keep distinct addresses (one shared bucket before)", () => {
    expect(clientIpFrom(xff("203.0.113.7, 10.0.0.5"), { trustedProxies: 2 })).toBe("203.0.113.7");
    expect(clientIpFrom(xff("203.0.113.8, 10.0.0.5"), { trustedProxies: 2 })).toBe("203.0.113.8");
    expect(clientIpFrom(xff("6.6.6.6, 203.0.113.8, 10.0.0.5"), { trustedProxies: 2 })).toBe("203.0.113.8");
    expect(clientIpFrom(xff("203.0.113.9"), { trustedProxies: 2 })).toBe("203.0.113.9");
  });

  it("believes the platform's own header when configured, and falls back sensibly", () => {
    const h = xff("6.6.6.6, 10.0.0.5", { "cf-connecting-ip": "203.0.113.10" });
    expect(clientIpFrom(h, { trustedProxies: 1, ipHeader: "cf-connecting-ip" })).toBe("203.0.113.10");
    expect(clientIpFrom(xff("6.6.6.6, 10.0.0.5"), { trustedProxies: 1, ipHeader: "cf-connecting-ip" })).toBe("10.0.0.5");
    expect(clientIpFrom(new Headers({ "x-real-ip": "203.0.113.11" }), { trustedProxies: 1 })).toBe("203.0.113.11");
    expect(clientIpFrom(new Headers(), { trustedProxies: 1 })).toBe("unknown");
  });
});

describe("sameOrigin", () => {
  const h = (origin: string | null, host = "lab.example") => new Headers({ host, ...(origin ? { origin } : {}) });
  it("accepts this site, configured origins and requests without Origin; refuses other sites", () => {
    expect(sameOrigin(h("https://lab.example"))).toBe(true);
    expect(sameOrigin(h(null))).toBe(true);
    expect(sameOrigin(h("https://evil.example"))).toBe(false);
    expect(sameOrigin(h("null"))).toBe(false);
    expect(sameOrigin(h("https://preview.example"), ["https://preview.example"])).toBe(true);
    expect(sameOrigin(h("http://preview.example"), ["https://preview.example"])).toBe(false);
  });
});
