// A member's entries, sealed one by one under their data key (decision 018): the whole entry is
// one JSON document, sealed with a fresh nonce each time it is written, with its owner and its
// row's id bound as additional data. Rows are only ever read and written for their owner.
import { randomUUID } from "node:crypto";
import { and, count, desc, eq } from "drizzle-orm";
import type { BrokenEvidenceEntry, EvidenceEntry, EvidenceFields } from "#app/contracts/evidence.ts";
import { EVIDENCE_MAX_ENTRIES } from "#app/contracts/evidence.ts";
import type { DbOrTx } from "#db/client.ts";
import { evidenceEntries } from "#db/schema.ts";
import { Invalid, NotFound } from "#server/errors.ts";
import { open, SealBroken, seal } from "./seal.ts";

const entryAad = (memberId: string, id: string) => `hearth evidence entry v1 ${memberId} ${id}`;

function sealFields(dataKey: Buffer, memberId: string, id: string, fields: EvidenceFields) {
  return seal(dataKey, Buffer.from(JSON.stringify(fields), "utf8"), entryAad(memberId, id));
}

type Row = typeof evidenceEntries.$inferSelect;

function openRow(dataKey: Buffer, row: Row): EvidenceEntry | BrokenEvidenceEntry {
  try {
    const fields = JSON.parse(open(dataKey, row, entryAad(row.memberId, row.id)).toString("utf8")) as EvidenceFields;
    return { ...fields, id: row.id, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() };
  } catch (err) {
    if (err instanceof SealBroken) return { id: row.id, broken: true };
    throw err;
  }
}

export const isBroken = (e: EvidenceEntry | BrokenEvidenceEntry): e is BrokenEvidenceEntry => "broken" in e;

export async function addEntry(db: DbOrTx, memberId: string, dataKey: Buffer, fields: EvidenceFields): Promise<string> {
  const [held] = await db.select({ n: count() }).from(evidenceEntries).where(eq(evidenceEntries.memberId, memberId));
  if ((held?.n ?? 0) >= EVIDENCE_MAX_ENTRIES) throw new Invalid({}, "evidence.error.full", { max: EVIDENCE_MAX_ENTRIES });
  const id = randomUUID();
  await db.insert(evidenceEntries).values({ id, memberId, ...sealFields(dataKey, memberId, id, fields) });
  return id;
}

export async function updateEntry(db: DbOrTx, memberId: string, dataKey: Buffer, id: string, fields: EvidenceFields) {
  const done = await db
    .update(evidenceEntries)
    .set({ ...sealFields(dataKey, memberId, id, fields), updatedAt: new Date() })
    .where(and(eq(evidenceEntries.id, id), eq(evidenceEntries.memberId, memberId)))
    .returning({ id: evidenceEntries.id });
  if (done.length === 0) throw new NotFound();
}

export async function deleteEntry(db: DbOrTx, memberId: string, id: string) {
  const done = await db
    .delete(evidenceEntries)
    .where(and(eq(evidenceEntries.id, id), eq(evidenceEntries.memberId, memberId)))
    .returning({ id: evidenceEntries.id });
  if (done.length === 0) throw new NotFound();
}

export async function getEntry(db: DbOrTx, memberId: string, dataKey: Buffer, id: string) {
  const [row] = await db
    .select()
    .from(evidenceEntries)
    .where(and(eq(evidenceEntries.id, id), eq(evidenceEntries.memberId, memberId)));
  if (!row) throw new NotFound();
  return openRow(dataKey, row);
}

/** Every entry, opened: newest sighting first (an entry without a time by when it was written). */
export async function allEntries(db: DbOrTx, memberId: string, dataKey: Buffer) {
  const rows = await db.select().from(evidenceEntries).where(eq(evidenceEntries.memberId, memberId));
  const opened = rows.map((row) => openRow(dataKey, row));
  const sortKey = (e: EvidenceEntry | BrokenEvidenceEntry) => (isBroken(e) ? "" : e.seenAt || e.createdAt.slice(0, 16));
  return opened.sort((a, b) => (sortKey(a) < sortKey(b) ? 1 : sortKey(a) > sortKey(b) ? -1 : 0));
}

/** The zone of the entry written or changed last (the new-entry form's default), or null. */
export async function latestTimeZone(db: DbOrTx, memberId: string, dataKey: Buffer): Promise<string | null> {
  const [row] = await db.select().from(evidenceEntries).where(eq(evidenceEntries.memberId, memberId)).orderBy(desc(evidenceEntries.updatedAt)).limit(1);
  if (!row) return null;
  const entry = openRow(dataKey, row);
  return isBroken(entry) ? null : entry.timeZone;
}

export async function entryCount(db: DbOrTx, memberId: string) {
  const [held] = await db.select({ n: count() }).from(evidenceEntries).where(eq(evidenceEntries.memberId, memberId));
  return held?.n ?? 0;
}
