// Chat benchmark (issue 10): 1,000 socket.io clients in one room, in a process of their own
// (tests/bench/realtime/swarm.ts), sending for 10 s at 20 messages a second (a busy room), then at
// rising rates until p99 send-to-delivery passes 100 ms, against: a bare socket.io server doing the
// same broadcast (tests/bench/realtime/bare-server.mjs), one built Hearth node, and two built
// Hearth nodes with Redis (half the clients on each), all on one embedded PostgreSQL, in one run.
// Every Hearth message is committed before it is acknowledged and broadcast; the run checks the
// table holds every acknowledged message. Senders stay within the send limit (10 per 10 s): as
// many members send as the rate needs; a run with one more member flooding at 500 a second from a
// process of its own (tests/bench/realtime/flooder.ts) shows what the limits leave the others. Prints figures; asserts nothing.
// Run: npm run build && npx tsx tests/bench/chat.ts   (BENCH_SECONDS=10, BENCH_CLIENTS=1000)
import type { ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { EVENT_LIMITS } from "#server/realtime/event-limits.ts";
import { ROOT, startChild } from "./hearth-process.ts";
import { loadAverage, rssMb, seedMembers, startDatabase, startHearthNode, startRedisServer, startWorker, stop, ticks } from "./realtime/cluster.ts";
import type { FloodCommand } from "./realtime/flooder.ts";
import type { SwarmCommand } from "./realtime/swarm.ts";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 1000);
const WARMUP = 2;
const BUSY_ROOM = 20;
// Fine steps low down: on two shared cores the fan-out to 1,000 sockets, not the rate, is the cost.
const SWEEP = [25, 30, 35, 40, 50, 60, 80, 100, 150, 200, 300, 400, 600, 800];
const P99_LIMIT_MS = 100;
// Each sender at 80% of the send limit, so none is ever told "too fast".
const PER_SENDER = (0.8 * EVENT_LIMITS["chat:send"].points) / EVENT_LIMITS["chat:send"].seconds;
const ROOM = "lounge";
// BENCH_ONLY=bare|one|two runs one configuration (for profiling); the summary's ratios need all three.
const ONLY = process.env.BENCH_ONLY;
const wanted = (name: string) => !ONLY || ONLY === name;

type Result = Awaited<ReturnType<typeof runOnce>>;

const startSwarm = () => startWorker<SwarmCommand>("tests/bench/realtime/swarm.ts");

async function runOnce(swarm: ReturnType<typeof startSwarm>, servers: ChildProcess[], countRows: () => Promise<number>, rate: number) {
  const pids = servers.map((s) => s.pid!);
  const [rowsBefore, cpuBefore, wallBefore] = [await countRows(), await ticks(pids), performance.now()];
  const r = await swarm.ask<{
    rate: number;
    sent: number;
    ackedAll: number;
    acked: number;
    errors: Record<string, number>;
    deliveries: number;
    expected: number;
    deliveriesPerSecond: number;
    latency: { p50: number; p95: number; p99: number; max: number };
    ack: { p50: number; p99: number };
    senders: number;
    swarmCpuPercent: number;
    achievedRate: number;
  }>({ type: "run", rate, seconds: SECONDS, warmup: WARMUP, perSender: PER_SENDER });
  const [cpuAfter, wallMs, rowsAfter] = [await ticks(pids), performance.now() - wallBefore, await countRows()];
  const total = Math.round(rate * (SECONDS + WARMUP));
  return {
    ...r,
    committed: rowsAfter - rowsBefore,
    serverCpuPercent: Math.round(((cpuAfter.nodes - cpuBefore.nodes) * 10 * 100) / wallMs),
    postgresCpuPercent: Math.round(((cpuAfter.postgres - cpuBefore.postgres) * 10 * 100) / wallMs),
    serverCpuMsPerMessage: Number((((cpuAfter.nodes - cpuBefore.nodes) * 10) / total).toFixed(2)),
  };
}

const complete = (r: Result) => r.deliveries >= 0.999 * r.expected && Object.keys(r.errors).length === 0;

const FLOOD_RATE = 500;

type FloodCounts = { sent: number; ok: number; tooFast: number; other: number; connected: number; closedByServer: number; connectRefused: number };

/** One member flooding FLOOD_RATE messages a second from a process of its own, reconnecting
 *  whenever closed or refused (tests/bench/realtime/flooder.ts), until stopped. */
async function startFlood(url: string, cookie: string) {
  const flooder = startWorker<FloodCommand>("tests/bench/realtime/flooder.ts");
  await flooder.ask({ type: "start", url, cookie, room: ROOM, rate: FLOOD_RATE });
  return {
    async stop() {
      const counts = await flooder.ask<FloodCounts>({ type: "stop" });
      flooder.child.send({ type: "exit" });
      return counts;
    },
  };
}

async function measure(
  name: string,
  servers: Array<{ child: ChildProcess; url: string }>,
  cookies: string[],
  countRows: () => Promise<number>,
  flooder?: string,
) {
  const swarm = startSwarm();
  const perServer = servers.map((s, i) => ({ url: s.url, cookies: cookies.filter((_, j) => j % servers.length === i) }));
  const ready = await swarm.ask<{ connected: number; refused: number; firstRefusal?: string; ms: number }>({ type: "connect", targets: perServer, room: ROOM });
  console.log(
    `\n== ${name}: ${ready.connected} clients connected and joined in ${ready.ms} ms${ready.refused ? ` (${ready.refused} refused: ${ready.firstRefusal})` : ""}`,
  );
  const children = servers.map((s) => s.child);
  const runs: Result[] = [];
  const busy = await runOnce(swarm, children, countRows, BUSY_ROOM);
  runs.push(busy);
  print(busy);
  if (flooder) {
    // The same busy room while one more member sends as fast as a script can (500 a second):
    // the per-member limit refuses all but their budget, and the others' latency should not move.
    const flood = await startFlood(servers[0]!.url, flooder);
    const flooded = await runOnce(swarm, children, countRows, BUSY_ROOM);
    const f = await flood.stop();
    print(flooded);
    // The same busy room again without the flood: how far two quiet runs differ on this machine.
    const after = await runOnce(swarm, children, countRows, BUSY_ROOM);
    print(after);
    console.log(
      `   ^ with one member flooding at ${FLOOD_RATE}/s from its own process: ${f.sent} sent, ${f.ok} accepted, ${f.tooFast} refused as too fast, ${f.other} other; ` +
        `${f.connected} connections, ${f.closedByServer} closed by the server, ${f.connectRefused} reconnections refused; ` +
        `the others' p99 ${flooded.latency.p99} ms against ${busy.latency.p99} ms before the flood and ${after.latency.p99} ms after it`,
    );
  }
  let capacity: Result | null = complete(busy) && busy.latency.p99 < P99_LIMIT_MS ? busy : null;
  for (const rate of SWEEP) {
    if (Math.ceil(rate / PER_SENDER) > ready.connected) break;
    const r = await runOnce(swarm, children, countRows, rate);
    runs.push(r);
    print(r);
    if (!complete(r) || r.latency.p99 >= P99_LIMIT_MS) break;
    capacity = r;
  }
  const rss = await Promise.all(children.map((c) => rssMb(c.pid!)));
  console.log(`   RSS after the runs: ${rss.map((mb) => `${mb} MB`).join(" + ")}`);
  await swarm.ask({ type: "exit" }).catch(() => {});
  return { name, busy, capacity, runs, rss };
}

function print(r: Result) {
  const errors = Object.entries(r.errors)
    .map(([why, n]) => `${n}× ${why}`)
    .join("; ");
  console.log(
    `   ${r.rate} msg/s (achieved ${r.achievedRate}, ${r.senders} senders): ${r.deliveriesPerSecond} deliveries/s, ${r.deliveries}/${r.expected} delivered; ` +
      `send→delivery p50 ${r.latency.p50} / p95 ${r.latency.p95} / p99 ${r.latency.p99} / max ${r.latency.max} ms; ack p50 ${r.ack.p50} / p99 ${r.ack.p99} ms; ` +
      `server CPU ${r.serverCpuPercent}% (${r.serverCpuMsPerMessage} ms/msg), PostgreSQL ${r.postgresCpuPercent}%, swarm ${r.swarmCpuPercent}%; ` +
      `${r.ackedAll} acknowledged, ${r.committed} rows committed${errors ? `; errors: ${errors}` : ""}`,
  );
}

const loadBefore = await loadAverage();
console.log(
  `Chat benchmark: ${CLIENTS} clients, ${SECONDS} s a run after ${WARMUP} s of warm-up, on ${os.cpus().length} cores (${os.cpus()[0]?.model}); load average before: ${loadBefore}`,
);
const dataDir = await mkdtemp(path.join(os.tmpdir(), "hearth-bench-chat-"));
const { database, url } = await startDatabase(dataDir);
const redis = await startRedisServer();
const started: ChildProcess[] = [redis.child];
try {
  const cookies = await seedMembers(database, CLIENTS, "Bench");
  const [floodCookie] = await seedMembers(database, 1, "Flood");
  const countRows = async () => Number((await database.db.execute<{ n: string }>(sql`select count(*) as n from chat_messages`)).rows[0]!.n);
  const noRows = async () => 0;
  const results = [];

  if (wanted("bare")) {
    const bare = await startChild([path.join(ROOT, "tests/bench/realtime/bare-server.mjs")], {}, /bare socket.io at (\S+)/);
    started.push(bare.child);
    results.push(await measure("bare socket.io (same events, no database)", [bare], cookies, noRows));
    await stop(bare.child);
  }
  if (wanted("one")) {
    const one = await startHearthNode(url);
    started.push(one.child);
    results.push(await measure("Hearth, one node (no Redis)", [one], cookies, countRows, floodCookie));
    await stop(one.child);
  }
  if (wanted("two")) {
    const two = await Promise.all([startHearthNode(url, redis.url), startHearthNode(url, redis.url)]);
    started.push(...two.map((n) => n.child));
    results.push(await measure("Hearth, two nodes with Redis", two, cookies, countRows, floodCookie));
    for (const n of two) await stop(n.child);
  }

  const bareResult = ONLY ? undefined : results[0];
  console.log(`\nSummary (${SECONDS} s runs; capacity: the highest rate tried whose p99 stayed under ${P99_LIMIT_MS} ms with every message delivered):`);
  for (const r of results) {
    const cap = r.capacity;
    const ratio =
      cap && bareResult?.capacity ? ` = ${Math.round((100 * cap.deliveriesPerSecond) / bareResult.capacity.deliveriesPerSecond)}% of bare socket.io's` : "";
    console.log(
      `- ${r.name}: at ${BUSY_ROOM} msg/s p50 ${r.busy.latency.p50} / p99 ${r.busy.latency.p99} ms; capacity ${cap ? `${cap.rate} msg/s, ${cap.deliveriesPerSecond} deliveries/s${ratio}` : "below the first rate"}; RSS ${r.rss.join(" + ")} MB`,
    );
  }
  console.log(`load average after: ${await loadAverage()}`);
} finally {
  for (const child of started) await stop(child);
  await database.close();
  await rm(dataDir, { recursive: true, force: true });
}
