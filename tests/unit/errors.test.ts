import { expect, test } from "vitest";
import { isDatabaseDown } from "#server/errors.ts";

test("a missing file is not a database outage; a missing database socket is", () => {
  const missingFile = Object.assign(new Error("ENOENT: no such file or directory, stat '/x/assets/a.js'"), { code: "ENOENT", syscall: "stat" });
  expect(isDatabaseDown(missingFile)).toBe(false);
  expect(isDatabaseDown({ code: "ENOENT", syscall: "open" })).toBe(false);
  const socketGone = Object.assign(new Error("connect ENOENT /data/run/.s.PGSQL.5432"), { code: "ENOENT", syscall: "connect" });
  expect(isDatabaseDown(socketGone)).toBe(true);
  expect(isDatabaseDown(new Error("query failed", { cause: socketGone }))).toBe(true);
  expect(isDatabaseDown({ code: "ECONNREFUSED" })).toBe(true);
  expect(isDatabaseDown({ code: "57P01" })).toBe(true);
  expect(isDatabaseDown({ code: "22P02" })).toBe(false);
});
