// What the evidence log's integration tests share: the real services on a fresh database, members
// who joined through the real sign-up (so their log is sealed as joining seals it), the page's
// `who` for a session, and an entry's form as the page posts it.
import { eq } from "drizzle-orm";
import type { Database } from "#db/client.ts";
import { evidenceEntries, evidenceKeys } from "#db/schema.ts";
import { memoryThrottle } from "#server/auth/throttle.ts";
import type { EvidenceWho } from "#server/evidence/services.ts";
import { createNotifyLive } from "#server/realtime/notify-live.ts";
import { createServices } from "#server/services.ts";
import { asActor } from "#tests/helpers/forums.ts";
import { makeMember } from "#tests/helpers/members.ts";

export function evidenceWorld(database: Database) {
  const db = database.db;
  const services = createServices({ db, throttle: memoryThrottle(), live: createNotifyLive(database.pool) });
  const whoFor = (memberId: string, token: string | null): EvidenceWho => ({ actor: asActor({ id: memberId, role: "member" }), token });

  /** A member who just joined: their first session opens the log. */
  async function member() {
    const joined = await makeMember(db);
    return { ...joined, who: whoFor(joined.memberId, joined.token) };
  }

  /** Signs the member in again: a new session, and its `who`. */
  async function signIn(m: { pseudonym: string; memberId: string }, password: string, clientKey = "evidence-test") {
    const { token } = await services.auth.signIn({ pseudonym: m.pseudonym, password }, clientKey);
    return { token, who: whoFor(m.memberId, token) };
  }

  const entryRows = (memberId: string) => db.select().from(evidenceEntries).where(eq(evidenceEntries.memberId, memberId));
  const keyRows = (memberId: string) => db.select().from(evidenceKeys).where(eq(evidenceKeys.memberId, memberId));

  return { db, services, whoFor, member, signIn, entryRows, keyRows };
}

/** An entry's form with every field filled, as the page posts it; `over` replaces fields. */
export function entryForm(over: Record<string, string> = {}): Record<string, string> {
  return {
    platform: "telegram",
    platformDetail: "",
    place: "Night Owls 夜猫子交流群",
    links: "https://t.me/nightowls/123\nhttps://t.me/nightowls/456",
    seenAt: "2026-03-14T21:30",
    timeZone: "Asia/Shanghai",
    description: "Two photos from 2023, with my first name in the caption. 两张照片，配文里有我的名字。",
    postedBy: "@owl_admin (猫头鹰管理员)",
    status: "reported",
    followUp: "2026-04-01",
    report0To: "platform",
    report0Name: "Telegram abuse form",
    report0Case: "TG-2026-0314",
    report0On: "2026-03-15",
    ...over,
  };
}

/** A CSV document (RFC 4180: quoted cells, doubled quotes, CRLF rows) as rows of cells. */
export function parseCsv(csv: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const c = csv[i]!;
    if (quoted) {
      if (c === '"' && csv[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\r" && csv[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += c;
  }
  if (cell !== "" || row.length > 0) rows.push([...row, cell]);
  return rows;
}
