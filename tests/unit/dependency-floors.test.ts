// `npm audit` cannot reach its service from here, so the version floors that docs/security.md names
// are checked against what is installed.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { expect, test } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");

async function installed(name: string) {
  const pkg = JSON.parse(await readFile(path.join(ROOT, "node_modules", name, "package.json"), "utf8"));
  return pkg.version as string;
}

function atLeast(version: string, floor: string) {
  const a = version.split(/[.-]/).map(Number);
  const b = floor.split(".").map(Number);
  for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  return true;
}

const floors: Record<string, [string, string?]> = {
  "react-router": ["7.18.2", "8.0.0"], // CVE-2026-22030 and the 7.18.2 bypass fix; 8.x needs Node 22
  "@react-router/express": ["7.18.2", "8.0.0"],
  "socket.io": ["4.6.2"],
  ws: ["8.17.1"],
  dompurify: ["3.5.0"],
  "@node-rs/argon2": ["2.0.0"],
};

test("installed dependencies are at or above the security floors", async () => {
  for (const [name, [floor, below]] of Object.entries(floors)) {
    const version = await installed(name);
    expect(atLeast(version, floor), `${name}@${version} < ${floor}`).toBe(true);
    if (below) expect(atLeast(version, below), `${name}@${version} must stay below ${below}`).toBe(false);
  }
});

test("React Router packages are pinned to one exact version", async () => {
  const pkg = JSON.parse(await readFile(path.join(ROOT, "package.json"), "utf8"));
  const all = { ...pkg.dependencies, ...pkg.devDependencies } as Record<string, string>;
  const rr = Object.entries(all).filter(([n]) => n === "react-router" || n.startsWith("@react-router/"));
  expect(rr.length).toBeGreaterThanOrEqual(4);
  expect(new Set(rr.map(([, v]) => v)).size).toBe(1);
  expect(rr[0]![1]).toMatch(/^7\.\d+\.\d+$/);
});
