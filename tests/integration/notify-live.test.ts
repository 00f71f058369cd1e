// The admin CLI's Live port (server/realtime/notify-live.ts) on a real PostgreSQL: ending many
// sessions at once (erase-member, a ban) goes out in NOTIFYs below PostgreSQL's 8000-byte limit,
// and every session id reaches the listening nodes.
import { randomUUID } from "node:crypto";
import { expect, test } from "vitest";
import type { LiveCommand } from "#server/realtime/live-commands.ts";
import { createNotifyLive, LIVE_CHANNEL } from "#server/realtime/notify-live.ts";
import { createTestDatabase } from "#tests/helpers/db.ts";

test("ending 350 sessions sends every id, each NOTIFY within the limit", async () => {
  const database = await createTestDatabase({ seed: false });
  const listener = await database.pool.connect();
  try {
    const heard: LiveCommand[] = [];
    listener.on("notification", (n) => heard.push(JSON.parse(n.payload ?? "null") as LiveCommand));
    await listener.query(`listen ${LIVE_CHANNEL}`);
    const ids = Array.from({ length: 350 }, () => randomUUID());
    await createNotifyLive(database.pool).endSessions(ids);
    await new Promise((r) => setTimeout(r, 200));
    const ended = heard.flatMap((c) => (c.kind === "end-sessions" ? c.sessionIds : []));
    expect(ended).toEqual(ids);
    expect(heard.length).toBe(4);
  } finally {
    await listener.query("unlisten *");
    listener.release();
  }
});
