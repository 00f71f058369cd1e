// The admin CLI works whether Hearth is running or not: it uses the running server's embedded
// PostgreSQL through its socket, or starts PostgreSQL itself for the command.
import { connectEmbedded, openDatabase, type Database } from "#db/client.ts";
import { acquireDataDirLock, currentHolder } from "#db/embedded/data-dir-lock.ts";
import { embeddedLayout, runningPostmaster } from "#db/embedded/server.ts";
import { applyMigrations } from "#db/migrate.ts";
import { seedDefaults } from "#db/seed.ts";
import type { Config } from "#server/config.ts";

export async function connectForAdmin(config: Config): Promise<Database> {
  if (config.DATABASE_URL) return openDatabase({ dataDir: config.DATA_DIR, databaseUrl: config.DATABASE_URL });
  const holder = await currentHolder(config.DATA_DIR);
  // The same layout the server resolved, so the socket is found wherever the cluster lives.
  const layout = await embeddedLayout(config.DATA_DIR);
  if (holder?.kind === "server" && (await runningPostmaster(layout))) return connectEmbedded(layout);
  const lock = await acquireDataDirLock(config.DATA_DIR, "admin");
  try {
    const database = await openDatabase({ dataDir: config.DATA_DIR });
    await applyMigrations(database);
    await seedDefaults(database.db);
    return {
      ...database,
      async close() {
        await database.close();
        await lock.release();
      },
    };
  } catch (err) {
    await lock.release();
    throw err;
  }
}
