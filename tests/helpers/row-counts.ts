// The number of rows in every table of the test database, to show a request wrote nothing.
import { sql } from "drizzle-orm";
import type { Db } from "#db/client.ts";

export async function rowCounts(db: Db) {
  const tables = await db.execute<{ name: string }>(
    sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables.rows) {
    const [row] = (await db.execute<{ n: number }>(sql`select count(*)::int as n from ${sql.identifier(name)}`)).rows;
    counts[name] = row!.n;
  }
  return counts;
}
