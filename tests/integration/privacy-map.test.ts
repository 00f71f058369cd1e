// server/privacy/member-data.ts against the real schema: every table of the migrated database and
// of db/schema*.ts is in the map, and so is every column that can hold a member's id (a foreign
// key to members.id, a uuid without a foreign key, a *_id or *_by column without one); nothing
// the map names is missing from the schema. A new table or column that refers to members, and
// that nobody has said how to export and erase, fails here. The same check is run on a database
// given such a table and such a column, and must name them.
import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import { is, sql } from "drizzle-orm";
import { expect, test } from "vitest";
import type { Db } from "#db/client.ts";
import * as schema from "#db/schema.ts";
import { MEMBER_DATA, memberRelations, SECTIONS, type TableEntry } from "#server/privacy/member-data.ts";
import { createTestDatabase } from "#tests/helpers/db.ts";

interface ColumnFacts {
  table: string;
  column: string;
  type: string;
  primaryKey: boolean;
  /** "table.column" this column's foreign key points at, or null. */
  references: string | null;
}

async function columns(db: Db): Promise<ColumnFacts[]> {
  const result = await db.execute<{ table: string; column: string; type: string; primary_key: boolean; references: string | null }>(sql`
    select c.relname as table, a.attname as column, format_type(a.atttypid, a.atttypmod) as type,
      exists (select 1 from pg_constraint k where k.conrelid = c.oid and k.contype = 'p' and a.attnum = any (k.conkey)) as primary_key,
      (select f.relname || '.' || fa.attname from pg_constraint k
         join pg_class f on f.oid = k.confrelid
         join pg_attribute fa on fa.attrelid = k.confrelid and fa.attnum = k.confkey[array_position(k.conkey, a.attnum)]
        where k.conrelid = c.oid and k.contype = 'f' and a.attnum = any (k.conkey) limit 1) as references
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
    where n.nspname = 'public' and c.relkind in ('r', 'p')
    order by 1, 2`);
  return result.rows.map((r) => ({ table: r.table, column: r.column, type: r.type, primaryKey: r.primary_key, references: r.references }));
}

/** Whether a column could hold a member's id, by what the schema says about it. */
function mayHoldMember(c: ColumnFacts): boolean {
  if (c.references === "members.id") return true;
  if (c.references !== null) return false;
  if (c.primaryKey && c.column === "id") return c.table === "members";
  return c.type === "uuid" || /_(id|by)$/.test(c.column);
}

/** Everything wrong between the map and a database's schema, as readable lines. */
async function problems(db: Db, map: Record<string, TableEntry>): Promise<string[]> {
  const facts = await columns(db);
  const tables = new Set(facts.map((c) => c.table));
  const found: string[] = [];
  for (const table of tables) if (!map[table]) found.push(`table ${table} is not in the map`);
  for (const table of Object.keys(map)) if (!tables.has(table)) found.push(`the map names table ${table}, which does not exist`);
  const has = (table: string, column: string) => facts.some((c) => c.table === table && c.column === column);
  for (const c of facts.filter(mayHoldMember)) {
    const entry = map[c.table];
    if (!entry) continue;
    const classified = c.column in (entry.members ?? {}) || c.column in (entry.notMembers ?? {}) || (entry.through ?? []).some((t) => t.column === c.column);
    if (!classified) found.push(`column ${c.table}.${c.column} may hold a member's id and is not in the map`);
    if (c.references === "members.id" && !(c.column in (entry.members ?? {})))
      found.push(`column ${c.table}.${c.column} references members.id but is not a member column`);
  }
  for (const [table, entry] of Object.entries(map)) {
    const named = [...Object.keys(entry.members ?? {}), ...Object.keys(entry.notMembers ?? {}), ...(entry.through ?? []).map((t) => t.column)];
    for (const relation of [...Object.values(entry.members ?? {}), ...(entry.through ?? [])]) {
      named.push(...Object.keys(relation.when ?? {}));
      if ("key" in relation.export) named.push(...relation.export.key);
    }
    for (const column of named) if (tables.has(table) && !has(table, column)) found.push(`the map names ${table}.${column}, which does not exist`);
    for (const t of entry.through ?? []) {
      const fk = facts.find((c) => c.table === table && c.column === t.column)?.references;
      if (fk !== `${t.parent}.id`) found.push(`${table}.${t.column} does not reference ${t.parent}.id`);
      if (!(t.parentColumn in (map[t.parent]?.members ?? {}))) found.push(`${t.parent}.${t.parentColumn} is not a member column`);
    }
  }
  return found;
}

const database = await createTestDatabase();
const map = MEMBER_DATA as Record<string, TableEntry>;

test("every table and every column that can hold a member's id is in the map, and the map names only what exists", async () => {
  expect(await problems(database.db, map)).toEqual([]);
});

test("the map covers exactly the tables of db/schema*.ts (drizzle's own table objects)", () => {
  const names = Object.values(schema)
    .filter((value) => is(value, PgTable))
    .map((table) => getTableConfig(table as PgTable).name)
    .sort();
  expect(names.length).toBeGreaterThan(20);
  expect(Object.keys(map).sort()).toEqual(names);
});

test("a new table or column referring to members, not yet in the map, is named", async () => {
  const other = await createTestDatabase({ seed: false });
  await other.db.execute(sql`create table diary_pages (id uuid primary key, owner_id uuid not null references members(id), body text)`);
  await other.db.execute(sql`alter table posts add column editor_id uuid references members(id)`);
  await other.db.execute(sql`alter table audit_log add column subject_id uuid`);
  expect(await problems(other.db, map)).toEqual([
    "table diary_pages is not in the map",
    "column audit_log.subject_id may hold a member's id and is not in the map",
    "column posts.editor_id may hold a member's id and is not in the map",
    "column posts.editor_id references members.id but is not a member column",
  ]);
  // A stale entry is named too.
  expect(await problems(database.db, { ...map, pages_of_old: { holds: "gone" } })).toEqual(["the map names table pages_of_old, which does not exist"]);
});

test("every exported relation goes to a section the export writes, and every section is fed", () => {
  const relations = memberRelations();
  const sections = new Set<string>(SECTIONS);
  const used = new Set<string>();
  for (const { table, column, relation } of relations) {
    if (!("section" in relation.export)) {
      expect(relation.export.withheld.length, `${table}.${column} says why it is withheld`).toBeGreaterThan(10);
      continue;
    }
    const root = relation.export.section.split(".")[0]!;
    expect(sections.has(root), `${table}.${column} → ${relation.export.section}`).toBe(true);
    used.add(root);
  }
  expect([...sections].filter((s) => !used.has(s))).toEqual([]);
});

/** Foreign keys to members.id with no index whose first column is theirs, as "table.column". */
async function unindexedMemberKeys(db: Db): Promise<string[]> {
  const result = await db.execute<{ key: string }>(sql`
    select c.conrelid::regclass::text || '.' || a.attname as key
    from pg_constraint c
    join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
    where c.contype = 'f' and c.confrelid = 'members'::regclass
      and not exists (select 1 from pg_index i where i.indrelid = c.conrelid and i.indkey[0] = c.conkey[1])
    order by 1`);
  return result.rows.map((r) => r.key);
}

// Export and erasure look a member up in every table that refers to them, and deleting the member
// row makes PostgreSQL check every such foreign key: without an index each is a scan of the whole
// table, inside the erasure's transaction (docs/performance.md, issue 12).
test("every foreign key to members has an index that leads with it", async () => {
  expect(await unindexedMemberKeys(database.db)).toEqual([]);
  const other = await createTestDatabase({ seed: false });
  await other.db.execute(sql`create table diary_pages (id uuid primary key, owner_id uuid not null references members(id))`);
  expect(await unindexedMemberKeys(other.db)).toEqual(["diary_pages.owner_id"]);
});
