// Streaming the export (issue 12: "ready within 60 seconds for a member with 10,000 posts,
// without holding it all in memory"): 10,000 posts of a realistic length, read chunk by chunk,
// timed, and the heap measured as it streams, both as it is and after full collections (what
// stays reachable: holding the file would keep at least its size). tests/bench/privacy-export.ts
// has the figures with chat messages too.
import { randomUUID } from "node:crypto";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { sql } from "drizzle-orm";
import { expect, test } from "vitest";
import { threads } from "#db/schema.ts";
import { once } from "node:events";
import { ROOT, runBuilt } from "#tests/helpers/built-copy.ts";
import { adminEnv, createTestDatabase } from "#tests/helpers/db.ts";
import { makeMember } from "#tests/helpers/members.ts";
import { actorOf } from "./moderation-helpers.ts";
import { privacyWorld } from "./privacy-helpers.ts";

// A full garbage collection on demand, for the measure of what stays reachable.
setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

const database = await createTestDatabase();
const { db, services } = privacyWorld(database);

/** A new member with `count` posts in one thread of theirs, each `body` and its number, written
 *  straight into the tables (a second apart, newest first). */
async function memberWithPosts(count: number, body: string) {
  const member = await makeMember(db);
  const [thread] = await db
    .insert(threads)
    .values({ forumId: sql`(select id from forums where slug = 'support')`, authorId: member.memberId, title: `${count} posts` })
    .returning({ id: threads.id });
  await db.execute(sql`
    insert into posts (thread_id, author_id, body_source, body_html, sanitizer_version, idempotency_key, created_at)
    select ${thread!.id}, ${member.memberId}, ${body} || g, '<p>' || ${body} || g || '</p>', 'bulk', ${randomUUID()} || g, now() - make_interval(secs => g)
    from generate_series(1, ${count}) g`);
  return member;
}

test("10,000 posts stream out within 60 s, one page at a time: the heap grows by far less than the file", { timeout: 120_000 }, async () => {
  const bulk = await memberWithPosts(10_000, `BULK-POST ${"A line of what someone wrote about their week, kept as they wrote it. ".repeat(14)}`);
  const who = { actor: await actorOf(db, bulk.memberId), token: bulk.token };
  const run = async (collectFirst: boolean) => {
    gc();
    const baseline = process.memoryUsage().heapUsed;
    let peak = baseline;
    let retained = baseline;
    let bytes = 0;
    let marks = 0;
    let chunks = 0;
    const started = performance.now();
    for await (const chunk of services.privacy.memberExport(who, "json", "en")) {
      bytes += Buffer.byteLength(chunk);
      marks += chunk.split("BULK-POST").length - 1;
      peak = Math.max(peak, process.memoryUsage().heapUsed);
      // What is still reachable (after a full collection), every few chunks: the measure of
      // holding the file or not, apart from garbage the collector has not come to yet.
      if (collectFirst && chunks++ % 4 === 0) {
        gc();
        retained = Math.max(retained, process.memoryUsage().heapUsed);
      }
    }
    const mb = (n: number) => n / 1024 / 1024;
    return { seconds: (performance.now() - started) / 1000, fileMb: mb(bytes), peakMb: mb(peak - baseline), retainedMb: mb(retained - baseline), marks };
  };
  const timedRun = await run(false);
  const measured = await run(true);
  console.log(
    `10,000 posts: ${timedRun.seconds.toFixed(2)} s, ${timedRun.fileMb.toFixed(1)} MB of JSON, peak heap growth ${timedRun.peakMb.toFixed(1)} MB; ` +
      `reachable heap growth (after full collections) at most ${measured.retainedMb.toFixed(1)} MB`,
  );
  // Each post's markdown and its rendered text carry the mark once.
  expect(timedRun.marks).toBe(20_000);
  expect(timedRun.seconds).toBeLessThan(60);
  // Generous bounds: the file held whole would keep at least its own size reachable.
  expect(measured.retainedMb).toBeLessThan(timedRun.fileMb / 2);
  expect(timedRun.peakMb).toBeLessThan(256);
});

test("export-member into a pipe whose reader stops early (`| head`) ends quietly, as after SIGPIPE", { timeout: 60_000 }, async () => {
  // About 1.5 MB of JSON: far more than a pipe holds, so writing goes on after the reader has gone.
  const member = await memberWithPosts(2_000, "words ".repeat(100));
  const child = runBuilt(ROOT, "build/admin.js", ["export-member", member.pseudonym], { env: adminEnv(database) as Record<string, string> });
  let err = "";
  child.stderr!.on("data", (d: Buffer) => (err += d));
  const [first] = (await once(child.stdout!, "data")) as [Buffer];
  expect(first.toString()).toContain("hearth-member-export");
  child.stdout!.destroy();
  const [code] = (await once(child, "exit")) as [number | null];
  expect(err).toBe("");
  expect(code).toBe(141);
});
