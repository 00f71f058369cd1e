// The built production entry and admin CLI as an operator runs them: plain `node build/…js`.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll } from "vitest";

export const ROOT = path.resolve(import.meta.dirname, "../..");
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
});

export function runAdmin(env: NodeJS.ProcessEnv, args: string[], stdin = ""): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, ["build/admin.js", ...args], { cwd: ROOT, env });
  let out = "";
  let err = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (err += d));
  child.stdin.end(stdin);
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, out, err })));
}

/** Starts build/hearth.js; resolves with its address once it says it is running, or when it exits. */
export function startBuiltServer(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url?: string; out: string; code?: number | null }> {
  const child = spawn(process.execPath, ["build/hearth.js"], { cwd: ROOT, env });
  children.push(child);
  let out = "";
  return new Promise((resolve) => {
    const onData = (d: Buffer) => {
      out += d;
      const url = out.match(/Hearth is running at (http:\/\/\S+)/)?.[1];
      if (url && out.includes("npm run admin")) resolve({ child, url, out });
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", (d) => (out += d));
    child.on("close", (code) => resolve({ child, out, code }));
  });
}
