// A real Hearth on 127.0.0.1 port 0 over a fresh test database, as `npm start` would run it.
import { Writable } from "node:stream";
import { afterAll } from "vitest";
import type { Database } from "#db/client.ts";
import { DEFAULT_LIMITS, memoryThrottle, type Throttle } from "#server/auth/throttle.ts";
import { loadConfig } from "#server/config.ts";
import { createLog } from "#server/log.ts";
import { startHearth } from "#server/start.ts";
import { createTestDatabase } from "./db.ts";

export interface TestHearth {
  url: string;
  database: Database;
  /** Every log line the server wrote, for privacy assertions. */
  logs: string[];
  close(): Promise<void>;
}

// Registered when a test file imports this module: hooks registered inside a running test()
// are ignored by vitest, and servers started there must still be closed.
const running = new Set<() => Promise<void>>();
afterAll(async () => {
  for (const close of running) await close();
});

export async function startTestHearth(
  opts: { env?: Record<string, string>; throttle?: Throttle; database?: Database; sweep?: boolean } = {},
): Promise<TestHearth> {
  const database = opts.database ?? (await createTestDatabase());
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const config = loadConfig({ PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "info", ...opts.env });
  // Every test client shares 127.0.0.1: the default limits, but room for many sign-ups.
  const throttle = opts.throttle ?? (opts.env?.REDIS_URL ? undefined : memoryThrottle({ ...DEFAULT_LIMITS, signUps: 10_000 }));
  const hearth = await startHearth({ config, log: createLog("info", sink), database, throttle, sweep: opts.sweep ?? false });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await hearth.close();
  };
  running.add(close);
  return { url: hearth.url, database, logs, close };
}
