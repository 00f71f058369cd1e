import { expect, test } from "vitest";
import { ConfigError, isHttps, loadConfig } from "#server/config.ts";

test("defaults give a local Hearth on the embedded database", () => {
  const config = loadConfig({});
  expect(config).toMatchObject({ PORT: 3000, HOST: "127.0.0.1", DATA_DIR: "./data", TRUST_PROXY: false });
  expect(config.DATABASE_URL).toBeUndefined();
  expect(isHttps(config)).toBe(false);
});

test("bad values get one clear line each, naming the variable and the value", () => {
  let error: unknown;
  try {
    loadConfig({ PORT: "eighty", DATABASE_URL: "mysql://x", PUBLIC_ORIGIN: "https://hearth.example/path", REDIS_URL: "localhost:6379" });
  } catch (err) {
    error = err;
  }
  expect(error).toBeInstanceOf(ConfigError);
  const message = (error as Error).message;
  expect(message).toContain('PORT: must be a whole number from 0 to 65535 (got "eighty")');
  expect(message).toContain("DATABASE_URL: must start with postgres:// or postgresql://");
  expect(message).toContain("PUBLIC_ORIGIN: must be an origin only");
  expect(message).toContain("REDIS_URL: must start with redis://");
  expect(message).not.toMatch(/at .*\.ts:\d+/); // no stack trace
});

test("an HTTPS public origin turns on secure cookies and HSTS", () => {
  expect(isHttps(loadConfig({ PUBLIC_ORIGIN: "https://hearth.example.org" }))).toBe(true);
  expect(loadConfig({ PUBLIC_ORIGIN: "https://hearth.example.org/" }).PUBLIC_ORIGIN).toBe("https://hearth.example.org");
});

test("empty variables count as unset", () => {
  expect(loadConfig({ PORT: "", DATABASE_URL: "" }).PORT).toBe(3000);
});

test("TRUST_PROXY gives Express the value it means: nothing, names, addresses, CIDRs or a hop count", () => {
  const trust = (value: string) => loadConfig({ TRUST_PROXY: value }).TRUST_PROXY;
  expect(trust("false")).toBe(false);
  expect(trust("0")).toBe(false);
  expect(trust("loopback")).toEqual(["loopback"]);
  expect(trust("uniquelocal")).toEqual(["uniquelocal"]);
  expect(trust("linklocal")).toEqual(["linklocal"]);
  expect(trust(" Loopback , 10.0.0.5, 192.168.0.0/16,fd00::/8 ,::1")).toEqual(["loopback", "10.0.0.5", "192.168.0.0/16", "fd00::/8", "::1"]);
  expect(trust("2")).toBe(2);
  for (const bad of ["yes", "10.0.0.300", "10.0.0.0/33", "fd00::/129", "10.0.0.0/8/1", "loopback,", "proxy.example", "1.5", "-1", "99"]) {
    expect(() => trust(bad), bad).toThrow(/TRUST_PROXY: must be false, loopback, uniquelocal, linklocal, a comma-separated list/);
  }
});

test("TRUST_PROXY=true is refused, saying why", () => {
  let message = "";
  try {
    loadConfig({ TRUST_PROXY: "true" });
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    message = (err as Error).message;
  }
  expect(message).toContain("TRUST_PROXY: must not be true: it trusts every hop");
  expect(message).toContain("which the client writes itself");
  expect(message).toContain('(got "true")');
});

test("the parsed TRUST_PROXY trusts exactly what Express would", async () => {
  const { compileTrust } = await import("#server/http/trust-proxy.ts");
  const loopback = compileTrust(loadConfig({ TRUST_PROXY: "loopback" }).TRUST_PROXY);
  expect(loopback("127.0.0.1", 0)).toBe(true);
  expect(loopback("::1", 0)).toBe(true);
  expect(loopback("::ffff:127.0.0.1", 0)).toBe(true);
  expect(loopback("198.51.100.77", 1)).toBe(false);
  const list = compileTrust(loadConfig({ TRUST_PROXY: "10.0.0.0/8,203.0.113.5" }).TRUST_PROXY);
  expect([list("10.1.2.3", 0), list("203.0.113.5", 1), list("203.0.113.6", 0)]).toEqual([true, true, false]);
  const hops = compileTrust(loadConfig({ TRUST_PROXY: "1" }).TRUST_PROXY);
  expect([hops("198.51.100.1", 0), hops("198.51.100.2", 1)]).toEqual([true, false]);
  expect(compileTrust(loadConfig({}).TRUST_PROXY)("127.0.0.1", 0)).toBe(false);
});
