// Discreet mode (docs/safety.md) gives every page one neutral title, and can only do that for
// pages that name themselves through PageTitle: a bare <title> in a page would put a forum's or a
// thread's name back into the tab and the history. PageTitle itself is the one <title>.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const sources = (dir: string): string[] =>
  readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(rel);
    return /\.tsx$/.test(entry.name) ? [rel] : [];
  });

test("no page renders a bare <title>: every one goes through PageTitle", () => {
  const files = sources("app");
  const bare = files.filter(
    (file) => file !== path.join("app", "components", "page-title.tsx") && /<title[\s>]/.test(readFileSync(path.join(ROOT, file), "utf8")),
  );
  expect(bare).toEqual([]);
  expect(files.filter((file) => readFileSync(path.join(ROOT, file), "utf8").includes("<PageTitle>")).length).toBeGreaterThan(30);
});
