// `npm start`: the production entry, bundled to build/hearth.js and run with plain node.
import { openDatabase } from "#db/client.ts";
import { acquireDataDirLock, DataDirBusy } from "#db/embedded/data-dir-lock.ts";
import { ConfigError, loadConfig } from "./config.ts";
import { createLog } from "./log.ts";
import { startHearth } from "./start.ts";

async function main() {
  const config = loadConfig();
  const log = createLog(config.LOG_LEVEL);
  const embedded = !config.DATABASE_URL;
  const lock = embedded ? await acquireDataDirLock(config.DATA_DIR, "server") : null;
  const database = await openDatabase({
    dataDir: config.DATA_DIR,
    databaseUrl: config.DATABASE_URL,
    onPostgresLog: (line) => (/(FATAL|PANIC|ERROR)/.test(line) && !line.includes("administrator command") ? log.warn({ postgres: line.slice(0, 300) }, "postgres") : log.debug({ postgres: line.slice(0, 300) }, "postgres")),
  });
  let hearth;
  try {
    hearth = await startHearth({ config, log, database });
  } catch (err) {
    await database.close();
    await lock?.release();
    throw err;
  }
  log.info({ url: hearth.url, db: database.kind }, "listening");
  console.log(`\nHearth is running at ${hearth.url}  (database: ${database.kind})`);
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

main().catch((err: unknown) => {
  // Operators get one plain sentence; what went wrong inside stays out of the terminal's scrollback.
  const known = err instanceof ConfigError || err instanceof DataDirBusy;
  console.error(known ? err.message : `Hearth could not start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
