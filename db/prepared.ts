// Prepared statements for the hottest reads (every page's session, the thread page): drizzle
// builds the SQL once, and PostgreSQL parses and plans it once per connection instead of on
// every request. One set per database handle, because a prepared query belongs to the handle
// (pool or transaction) that made it. Values go in through sql.placeholder(name).
import type { DbOrTx } from "./client.ts";

export function preparedPer<T>(make: (db: DbOrTx) => T): (db: DbOrTx) => T {
  const made = new WeakMap<DbOrTx, T>();
  return (db) => {
    let prepared = made.get(db);
    if (!prepared) {
      prepared = make(db);
      made.set(db, prepared);
    }
    return prepared;
  };
}
