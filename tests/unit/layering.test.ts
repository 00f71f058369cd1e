// The seams between the browser's code and the server's: server/ and db/ import from app/ only
// its client-safe contracts and the i18n catalogs, and nothing in app/contracts imports server code.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const sources = (dir: string): string[] =>
  readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "migrations" ? [] : sources(rel);
    return /\.(ts|tsx)$/.test(entry.name) ? [rel] : [];
  });
const imports = (file: string) => [...readFileSync(path.join(ROOT, file), "utf8").matchAll(/(?:from|import)\s*\(?\s*["']([^"']+)["']/g)].map((m) => m[1]!);

test("server/ and db/ take from app/ only app/contracts and the i18n catalogs", () => {
  const crossings = [...sources("server"), ...sources("db")].flatMap((file) =>
    imports(file)
      .filter((spec) => spec.startsWith("#app/") && !/^#app\/(contracts|i18n)\//.test(spec))
      .map((spec) => `${file} → ${spec}`),
  );
  expect(crossings).toEqual([]);
});

test("app/contracts is safe for the browser: no server, database or Node code", () => {
  const files = sources("app/contracts");
  expect(files.length).toBeGreaterThan(0);
  const crossings = files.flatMap((file) =>
    imports(file)
      .filter((spec) => /^(#server|#db|node:|pg$|drizzle)/.test(spec) || spec.includes("/server/"))
      .map((spec) => `${file} → ${spec}`),
  );
  expect(crossings).toEqual([]);
});
