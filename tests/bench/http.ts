// HTTP benchmark (issue 2): requests/s and latency percentiles at 50 connections for /healthz and
// the home page of a real Hearth (built, plain node, embedded PostgreSQL), beside a bare node:http
// server answering a page of the same size — all in one run — plus the time to verify a
// passphrase. Prints figures; asserts nothing. Run: npm run bench (or npx tsx tests/bench/http.ts)
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { hashPassphrase, verifyPassphrase } from "#server/auth/password-hash.ts";
import { startChild, startHearth } from "./hearth-process.ts";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);

async function load(url: string) {
  const result = await autocannon({ url, connections: 50, duration: SECONDS, pipelining: 1 });
  return {
    "req/s": Math.round(result.requests.average),
    "p50 ms": result.latency.p50,
    "p99 ms": result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

const dataDir = await mkdtemp(path.join(os.tmpdir(), "hearth-bench-"));
const hearth = await startHearth(dataDir);
const homeBytes = (await (await fetch(`${hearth.url}/`)).arrayBuffer()).byteLength;
const bareSource = `const body = Buffer.alloc(${homeBytes}, 97); require("node:http").createServer((q, s) => { s.setHeader("content-type", "text/html"); s.end(body); }).listen(0, "127.0.0.1", function () { console.log("bare at http://127.0.0.1:" + this.address().port); });`;
const bare = await startChild(["-e", bareSource], {}, /bare at (\S+)/);

const rows: Record<string, unknown> = {};
try {
  rows["bare node:http, same size"] = await load(`${bare.url}/`);
  rows["Hearth /healthz"] = await load(`${hearth.url}/healthz`);
  rows[`Hearth / (${homeBytes} bytes)`] = await load(`${hearth.url}/`);
  const rss = Number((await import("node:child_process")).execSync(`ps -o rss= -p ${hearth.child.pid}`).toString().trim());
  console.log(`\n${SECONDS} s per run, 50 connections, on ${os.cpus().length} cores (${os.cpus()[0]?.model})`);
  console.table(rows);
  console.log(`Hearth process RSS after the runs: ${(rss / 1024).toFixed(0)} MB (PostgreSQL is a separate process)`);

  const hash = await hashPassphrase("a passphrase to time the verifier");
  const times: number[] = [];
  for (let i = 0; i < 50; i++) {
    const t = performance.now();
    await verifyPassphrase(hash, "a passphrase to time the verifier");
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(`argon2id verify (m=19 MiB, t=2, p=1): p50 ${times[25]!.toFixed(1)} ms, p99 ${times[49]!.toFixed(1)} ms over 50`);
} finally {
  bare.child.kill();
  hearth.child.kill("SIGTERM");
  await new Promise((r) => hearth.child.once("exit", r));
  await rm(dataDir, { recursive: true, force: true });
}
