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

// Decision 018: the sealed evidence log is read only through server/evidence/services.ts with the
// member's own session token. Nothing an operator, a moderator or an admin runs may touch its
// tables or its key code: not the CLI, not the moderation or admin services, not their pages.
test("only the evidence folder, the auth flows and the member's own evidence pages reach the evidence log", () => {
  const evidence = /^(#server\/evidence\/|\.\.?\/.*evidence)|^#db\/schema-evidence/;
  const tableNames = /\b(evidenceEntries|evidenceKeys|evidence_entries|evidence_keys)\b/;
  const allowed = (file: string) =>
    file.startsWith("server/evidence/") ||
    /^server\/auth\/(accounts|recovery|passphrase-change)\.ts$/.test(file) ||
    file === "server/members/admin.ts" ||
    file === "server/services.ts" ||
    file === "server/settings/keys.ts" ||
    // The member's own export (issue 12) opens their log through services.evidence with their
    // session's token, as the log's pages do, and its map names the log's tables to classify
    // them; the operator's export there never holds the log (tests/integration/privacy-export.test.ts).
    file.startsWith("server/privacy/") ||
    /^app\/(routes\/(evidence|settings)|components\/evidence\/|i18n\/)/.test(file) ||
    file.startsWith("db/");
  const files = [...sources("server"), ...sources("app"), ...sources("db")];
  const reaching = files.filter(
    (file) => !allowed(file) && (imports(file).some((spec) => evidence.test(spec)) || tableNames.test(readFileSync(path.join(ROOT, file), "utf8"))),
  );
  expect(reaching).toEqual([]);
  // The CLI and the moderators' and admins' code in particular.
  for (const dir of ["server/admin", "server/moderation", "server/appeals", "server/admission"]) {
    expect(sources(dir).filter((f) => imports(f).some((spec) => evidence.test(spec)) || tableNames.test(readFileSync(path.join(ROOT, f), "utf8")))).toEqual([]);
  }
});
