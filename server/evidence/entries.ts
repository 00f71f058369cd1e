// A member's entries, sealed one by one under their data key (decision 018): the whole entry is
// one JSON document, sealed with a fresh nonce each time it is written, with its owner and its
// row's id bound as additional data. Rows are only ever read and written for their owner.
import { randomUUID } from "node:crypto";
import { and, count, desc, eq, ne, sql } from "drizzle-orm";
import type { BrokenEvidenceEntry, EvidenceEntry, EvidenceFields } from "#app/contracts/evidence.ts";
import { EVIDENCE_MAX_BYTES, EVIDENCE_MAX_ENTRIES } from "#app/contracts/evidence.ts";
import type { DbOrTx } from "#db/client.ts";
import { evidenceEntries, members } from "#db/schema.ts";
import { isUuid } from "#server/ids.ts";
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

/** Under the member's lock: refuses a change that would take the log past its limits. */
async function checkRoom(tx: DbOrTx, memberId: string, adding: number, replacing: string | null) {
  const [held] = await tx
    .select({ n: count(), bytes: sql<number>`coalesce(sum(octet_length(${evidenceEntries.sealed})), 0)::bigint` })
    .from(evidenceEntries)
    .where(replacing ? and(eq(evidenceEntries.memberId, memberId), ne(evidenceEntries.id, replacing)) : eq(evidenceEntries.memberId, memberId));
  if (!replacing && (held?.n ?? 0) >= EVIDENCE_MAX_ENTRIES) throw new Invalid({}, "evidence.error.full", { max: EVIDENCE_MAX_ENTRIES });
  if (Number(held?.bytes ?? 0) + adding > EVIDENCE_MAX_BYTES) throw new Invalid({}, "evidence.error.tooBig");
}

const lockMember = (tx: DbOrTx, memberId: string) => tx.select({ id: members.id }).from(members).where(eq(members.id, memberId)).for("update");

export async function addEntry(db: DbOrTx, memberId: string, dataKey: Buffer, fields: EvidenceFields): Promise<string> {
  const id = randomUUID();
  const sealed = sealFields(dataKey, memberId, id, fields);
  return db.transaction(async (tx) => {
    // One change at a time per member, so two requests cannot both take the last place.
    await lockMember(tx, memberId);
    await checkRoom(tx, memberId, sealed.sealed.length, null);
    await tx.insert(evidenceEntries).values({ id, memberId, ...sealed });
    return id;
  });
}

export async function updateEntry(db: DbOrTx, memberId: string, dataKey: Buffer, id: string, fields: EvidenceFields) {
  if (!isUuid(id)) throw new NotFound();
  const sealed = sealFields(dataKey, memberId, id, fields);
  await db.transaction(async (tx) => {
    await lockMember(tx, memberId);
    await checkRoom(tx, memberId, sealed.sealed.length, id);
    const done = await tx
      .update(evidenceEntries)
      .set({ ...sealed, updatedAt: new Date() })
      .where(and(eq(evidenceEntries.id, id), eq(evidenceEntries.memberId, memberId)))
      .returning({ id: evidenceEntries.id });
    if (done.length === 0) throw new NotFound();
  });
}

export async function deleteEntry(db: DbOrTx, memberId: string, id: string) {
  if (!isUuid(id)) throw new NotFound();
  const done = await db
    .delete(evidenceEntries)
    .where(and(eq(evidenceEntries.id, id), eq(evidenceEntries.memberId, memberId)))
    .returning({ id: evidenceEntries.id });
  if (done.length === 0) throw new NotFound();
}

export async function getEntry(db: DbOrTx, memberId: string, dataKey: Buffer, id: string) {
  if (!isUuid(id)) throw new NotFound();
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
  const keyed = rows.map((row) => {
    const e = openRow(dataKey, row);
    return { e, at: isBroken(e) ? Number.NEGATIVE_INFINITY : e.seenAt ? instantOf(e.seenAt, e.timeZone) : Date.parse(e.createdAt) };
  });
  return keyed.sort((a, b) => b.at - a.at).map((k) => k.e);
}

const minuteFormats = new Map<string, Intl.DateTimeFormat>();
/** The instant (ms since the epoch) that a wall-clock time (YYYY-MM-DDTHH:mm) in `zone` names. */
function instantOf(seenAt: string, zone: string): number {
  let format = minuteFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
    });
    minuteFormats.set(zone, format);
  }
  const offset = (t: number) => {
    const p = Object.fromEntries(format.formatToParts(t).map((x) => [x.type, x.value]));
    return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute)) - t;
  };
  const wall = Date.parse(`${seenAt}:00Z`);
  return wall - offset(wall - offset(wall));
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
