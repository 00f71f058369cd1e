import { expect, test } from "vitest";
import { ConfigError, isHttps, loadConfig } from "#server/config.ts";

test("defaults give a local Hearth on the embedded database", () => {
  const config = loadConfig({});
  expect(config).toMatchObject({ PORT: 3000, HOST: "127.0.0.1", DATA_DIR: "./data", TRUST_PROXY: "false" });
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
