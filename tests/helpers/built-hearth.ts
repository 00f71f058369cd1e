// The built production entry and admin CLI of this checkout, as an operator runs them: plain
// `node build/…js` (tests/helpers/built-copy.ts runs them from a copy elsewhere).
import type { ChildProcess } from "node:child_process";
import { afterAll } from "vitest";
import { type BuiltRun, finished, ROOT, runBuilt, startBuilt } from "./built-copy.ts";

export { ROOT };
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
});

type Env = Record<string, string | undefined>;
const defined = (env: Env) => Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));

export function runAdmin(env: Env, args: string[], stdin = "") {
  return finished(runBuilt(ROOT, "build/admin.js", args, { env: defined(env), stdin }));
}

/** Starts build/hearth.js; resolves with its address once it says it is running, or when it exits. */
export function startBuiltServer(env: Env): Promise<BuiltRun> {
  return startBuilt(ROOT, { env: defined(env), track: (child) => children.push(child) });
}
