// Runs Hearth until a signal stops it: `npm start` (server/main.ts, bundled to build/hearth.js)
// and `npm run dev` (server/dev.ts) differ only in where the React Router build comes from.
import { openDatabase } from "#db/client.ts";
import { acquireDataDirLock, DataDirBusy } from "#db/embedded/data-dir-lock.ts";
import { ConfigError, loadConfig } from "./config.ts";
import { createLog } from "./log.ts";
import { startHearth, type DevServer } from "./start.ts";

export async function runHearth(opts: { dev?: DevServer } = {}) {
  const config = loadConfig();
  const log = createLog(config.LOG_LEVEL);
  const embedded = !config.DATABASE_URL;
  const lock = embedded ? await acquireDataDirLock(config.DATA_DIR, "server") : null;
  const database = await openDatabase({
    dataDir: config.DATA_DIR,
    databaseUrl: config.DATABASE_URL,
    onPostgresLog: (line) =>
      /(FATAL|PANIC|ERROR)/.test(line) && !line.includes("administrator command")
        ? log.warn({ postgres: line.slice(0, 300) }, "postgres")
        : log.debug({ postgres: line.slice(0, 300) }, "postgres"),
  });
  const hearth = await startHearth({ config, log, database, dev: opts.dev }).catch(async (err: unknown) => {
    await database.close();
    await lock?.release();
    throw err;
  });
  log.info({ url: hearth.url, db: database.kind }, "listening");
  console.log(`\nHearth${opts.dev ? " (development)" : ""} is running at ${hearth.url}  (database: ${database.kind})`);
  if (database.embedded) console.log(database.embedded.whereabouts);
  console.log("To make the first admin:  npm run admin -- create-member YOUR_NAME  then  npm run admin -- set-role YOUR_NAME admin\n");

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "shutting down");
    await hearth.close();
    await database.close();
    await lock?.release();
    log.info("stopped");
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

/** Operators get one plain sentence; what went wrong inside stays out of the terminal's scrollback. */
export function failedToStart(err: unknown) {
  const known = err instanceof ConfigError || err instanceof DataDirBusy;
  console.error(known ? err.message : `Hearth could not start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
