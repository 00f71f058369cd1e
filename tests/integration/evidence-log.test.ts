// The evidence log through its services (issue 11; server/evidence/services.ts), on a real
// database with members who joined through the real sign-up: entries added, edited, listed newest
// first, filtered, marked when their follow-up date has come, deleted, exported as JSON and CSV;
// another member's entry is not found; limits and bad fields are refused with field messages and
// store nothing; images and data: URIs are removed from every text field with the member told,
// and no removal is recorded where moderators would see it (decision 018).
import { count, eq, sql } from "drizzle-orm";
import { expect, test } from "vitest";
import { EVIDENCE_LIMITS, EVIDENCE_MAX_ENTRIES, type EvidenceEntry } from "#app/contracts/evidence.ts";
import { evidenceEntries, mediaRemovals } from "#db/schema.ts";
import { createTestDatabase } from "#tests/helpers/db.ts";
import { entryForm, evidenceWorld, parseCsv } from "./evidence-helpers.ts";

const database = await createTestDatabase();
const { db, services, member, entryRows } = evidenceWorld(database);
const evidence = services.evidence;

const invalid = (fields: Record<string, string>, formError?: string) =>
  expect.objectContaining({ name: "Invalid", fields, ...(formError ? { formError } : {}) });
const opened = (e: unknown) => {
  if (typeof e !== "object" || e === null || "broken" in e) throw new Error(`not an opened entry: ${JSON.stringify(e)}`);
  return e as EvidenceEntry & { due?: boolean };
};

const FIELDS_OF_AN_ENTRY = [
  "createdAt",
  "description",
  "followUp",
  "id",
  "links",
  "place",
  "platform",
  "platformDetail",
  "postedBy",
  "reports",
  "seenAt",
  "status",
  "timeZone",
  "updatedAt",
];

test("an entry added is read back with every field as written, and listed", async () => {
  const m = await member();
  const added = await evidence.add(m.who, entryForm());
  expect(added).toEqual({ id: expect.any(String), imageRemoved: false });
  const got = opened(await evidence.get(m.who, added.id));
  expect(got).toEqual({
    id: added.id,
    platform: "telegram",
    platformDetail: "",
    place: "Night Owls 夜猫子交流群",
    links: ["https://t.me/nightowls/123", "https://t.me/nightowls/456"],
    seenAt: "2026-03-14T21:30",
    timeZone: "Asia/Shanghai",
    description: "Two photos from 2023, with my first name in the caption. 两张照片，配文里有我的名字。",
    postedBy: "@owl_admin (猫头鹰管理员)",
    reports: [{ to: "platform", name: "Telegram abuse form", caseNumber: "TG-2026-0314", on: "2026-03-15" }],
    status: "reported",
    followUp: "2026-04-01",
    createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    updatedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
  });
  expect(await evidence.list(m.who, {}, new Date("2026-03-20T00:00:00Z"))).toEqual([{ ...got, due: false }]);
  expect((await evidence.state(m.who)).entries).toBe(1);
});

test("an edit replaces the fields, keeps when it was written, and seals the entry again under a new nonce", async () => {
  const m = await member();
  const { id } = await evidence.add(m.who, entryForm());
  const [before] = await entryRows(m.memberId);
  await new Promise((r) => setTimeout(r, 5));
  const changed = entryForm({ status: "removed", place: "Night Owls (renamed 夜猫子二群)", report1To: "police", report1Case: "PC-7781", report1Name: "" });
  expect(await evidence.update(m.who, id, changed)).toEqual({ imageRemoved: false });
  const got = opened(await evidence.get(m.who, id));
  expect(got.status).toBe("removed");
  expect(got.place).toBe("Night Owls (renamed 夜猫子二群)");
  expect(got.reports).toEqual([
    { to: "platform", name: "Telegram abuse form", caseNumber: "TG-2026-0314", on: "2026-03-15" },
    { to: "police", name: "", caseNumber: "PC-7781", on: "" },
  ]);
  expect(got.createdAt).toBe(before!.createdAt.toISOString());
  expect(Date.parse(got.updatedAt)).toBeGreaterThan(before!.updatedAt.getTime());
  const [after] = await entryRows(m.memberId);
  expect(after!.nonce.equals(before!.nonce)).toBe(false);
  expect(after!.sealed.equals(before!.sealed)).toBe(false);
  expect(await entryRows(m.memberId)).toHaveLength(1);
});

test("the timeline lists the newest sighting first; an entry without a time by when it was written", async () => {
  const m = await member();
  const seen = ["2024-05-01T10:00", "2025-01-31T23:59", "2024-05-01T09:59", "2025-01-31T00:00", "2024-12-25T12:00"];
  const ids = new Map<string, string>();
  for (const seenAt of seen) ids.set(seenAt, (await evidence.add(m.who, entryForm({ seenAt, timeZone: "UTC" }))).id);
  // Written now (after every sighting above): first.
  const undated = (await evidence.add(m.who, entryForm({ seenAt: "", timeZone: "UTC" }))).id;
  const listed = await evidence.list(m.who);
  expect(listed.map((e) => e.id)).toEqual([
    undated,
    ...[...seen]
      .sort()
      .reverse()
      .map((s) => ids.get(s)),
  ]);
});

test("entries seen in different time zones are listed by the moment they were seen", async () => {
  const m = await member();
  // 21:30 in Shanghai is 13:30 UTC; 15:00 in London (GMT in March) is 15:00 UTC: London's is newer.
  const shanghai = (await evidence.add(m.who, entryForm({ seenAt: "2026-03-02T21:30", timeZone: "Asia/Shanghai" }))).id;
  const london = (await evidence.add(m.who, entryForm({ seenAt: "2026-03-02T15:00", timeZone: "Europe/London" }))).id;
  expect((await evidence.list(m.who)).map((e) => e.id)).toEqual([london, shanghai]);
});

test("the timeline filters by platform, by status, and by both", async () => {
  const m = await member();
  const add = async (platform: string, status: string) => (await evidence.add(m.who, entryForm({ platform, status }))).id;
  const tgReported = await add("telegram", "reported");
  const tgAgain = await add("telegram", "appeared_again");
  const weibo = await add("weibo", "reported");
  const xhs = await add("xiaohongshu", "not_reported");
  const ids = async (filter: Parameters<typeof evidence.list>[1]) => (await evidence.list(m.who, filter)).map((e) => e.id).sort();
  expect(await ids({ platform: "telegram" })).toEqual([tgReported, tgAgain].sort());
  expect(await ids({ status: "reported" })).toEqual([tgReported, weibo].sort());
  expect(await ids({ platform: "telegram", status: "reported" })).toEqual([tgReported]);
  expect(await ids({ platform: "xiaohongshu" })).toEqual([xhs]);
  expect(await ids({ platform: "douyin" })).toEqual([]);
  expect(await ids({ platform: null, status: null })).toEqual([tgReported, tgAgain, weibo, xhs].sort());
});

test("an entry is marked due once its follow-up date has come in its own zone", async () => {
  const m = await member();
  const add = async (followUp: string, timeZone: string) => (await evidence.add(m.who, entryForm({ followUp, timeZone }))).id;
  const shanghai = await add("2026-03-14", "Asia/Shanghai");
  const newYork = await add("2026-03-14", "America/New_York");
  const earlier = await add("2026-03-10", "UTC");
  const none = await add("", "UTC");
  const due = async (now: string) => {
    const listed = await evidence.list(m.who, {}, new Date(now));
    return Object.fromEntries(listed.map((e) => [e.id, opened(e).due]));
  };
  // 16:30 UTC on the 13th is 00:30 on the 14th in Shanghai, 12:30 on the 13th in New York.
  expect(await due("2026-03-13T16:30:00Z")).toEqual({ [shanghai]: true, [newYork]: false, [earlier]: true, [none]: false });
  expect(await due("2026-03-13T15:59:00Z")).toEqual({ [shanghai]: false, [newYork]: false, [earlier]: true, [none]: false });
  expect(await due("2026-03-14T04:00:00Z")).toEqual({ [shanghai]: true, [newYork]: true, [earlier]: true, [none]: false });
  expect(await due("2026-03-09T12:00:00Z")).toEqual({ [shanghai]: false, [newYork]: false, [earlier]: false, [none]: false });
});

test("a deleted entry is gone from the timeline and the database; deleting it again is NotFound", async () => {
  const m = await member();
  const keep = (await evidence.add(m.who, entryForm({ place: "kept" }))).id;
  const gone = (await evidence.add(m.who, entryForm({ place: "deleted" }))).id;
  await evidence.remove(m.who, gone);
  expect((await evidence.list(m.who)).map((e) => e.id)).toEqual([keep]);
  expect((await entryRows(m.memberId)).map((r) => r.id)).toEqual([keep]);
  await expect(evidence.get(m.who, gone)).rejects.toMatchObject({ name: "NotFound" });
  await expect(evidence.remove(m.who, gone)).rejects.toMatchObject({ name: "NotFound" });
  await expect(evidence.update(m.who, gone, entryForm())).rejects.toMatchObject({ name: "NotFound" });
  expect(await entryRows(m.memberId)).toHaveLength(1);
});

test("another member's entry is NotFound to get, edit, delete or take down, and stays as it was", async () => {
  const owner = await member();
  const other = await member();
  const { id } = await evidence.add(owner.who, entryForm());
  const [before] = await entryRows(owner.memberId);
  await expect(evidence.get(other.who, id)).rejects.toMatchObject({ name: "NotFound" });
  await expect(evidence.update(other.who, id, entryForm({ place: "overwritten" }))).rejects.toMatchObject({ name: "NotFound" });
  await expect(evidence.remove(other.who, id)).rejects.toMatchObject({ name: "NotFound" });
  await expect(evidence.takedown(other.who, id, "en")).rejects.toMatchObject({ name: "NotFound" });
  expect(await evidence.list(other.who)).toEqual([]);
  const [after] = await entryRows(owner.memberId);
  expect(after).toEqual(before);
  expect(opened(await evidence.get(owner.who, id)).place).toBe("Night Owls 夜猫子交流群");
  // Another member's session, or nobody, opens nothing of it.
  await expect(evidence.list({ actor: owner.who.actor, token: other.token })).rejects.toMatchObject({ name: "Invalid", formError: "evidence.error.locked" });
  await expect(evidence.list({ actor: null, token: owner.token })).rejects.toMatchObject({ name: "Forbidden" });
  await expect(evidence.list({ actor: owner.who.actor, token: null })).rejects.toMatchObject({ name: "Invalid", formError: "evidence.error.locked" });
});

test("the JSON export holds every field of every entry, as listed", async () => {
  const m = await member();
  await evidence.add(m.who, entryForm());
  await evidence.add(
    m.who,
    entryForm({
      platform: "website",
      platformDetail: "leak-forum.example",
      links: "",
      seenAt: "",
      followUp: "",
      report0To: "",
      report0Name: "",
      report0Case: "",
      report0On: "",
    }),
  );
  await evidence.add(
    m.who,
    entryForm({ platform: "wechat", report1To: "stopncii", report1Case: "SNC-99", report2To: "helpline", report2Name: "Revenge Porn Helpline" }),
  );
  const now = new Date("2026-05-01T08:00:00Z");
  const exported = JSON.parse(await evidence.exportJson(m.who, now));
  expect(Object.keys(exported).sort()).toEqual(["entries", "exportedAt", "kind", "version"]);
  expect(exported).toMatchObject({ kind: "hearth-evidence-log", version: 1, exportedAt: "2026-05-01T08:00:00.000Z" });
  const listed = (await evidence.list(m.who, {}, now)).map((e) => {
    const { due: _, ...fields } = opened(e);
    return fields;
  });
  expect(exported.entries).toEqual(listed);
  expect(exported.entries).toHaveLength(3);
  for (const e of exported.entries) expect(Object.keys(e).sort()).toEqual(FIELDS_OF_AN_ENTRY);
  expect(exported.entries.map((e: EvidenceEntry) => e.reports.length).sort()).toEqual([0, 1, 3]);
});

test("the CSV export has a header and one row per entry with its values, in the member's language", async () => {
  const m = await member();
  const first = entryForm({ description: 'She wrote "delete it", then =HYPERLINK("x")', seenAt: "2026-03-14T21:30" });
  const second = entryForm({
    platform: "website",
    platformDetail: "leak-forum.example",
    place: "Thread 88",
    postedBy: "",
    status: "no_answer",
    seenAt: "2026-03-01T08:00",
    links: "https://leak-forum.example/t/88",
    report0To: "police",
    report0Name: "Metropolitan Police",
    report0Case: "CAD 1234/14MAR",
  });
  await evidence.add(m.who, first);
  await evidence.add(m.who, second);
  const rows = parseCsv((await evidence.exportCsv(m.who, "en")).replace(/^\ufeff/, ""));
  expect(rows[0]).toEqual(["seen", "platform", "place", "links", "description", "postedBy", "reports", "status", "followUp", "written", "changed"]);
  expect(rows).toHaveLength(3);
  const [a, b] = [rows[1]!, rows[2]!]; // newest sighting first
  expect(a.slice(0, 9)).toEqual([
    "2026-03-14 21:30 (Asia/Shanghai)",
    "Telegram",
    "Night Owls 夜猫子交流群",
    "https://t.me/nightowls/123\nhttps://t.me/nightowls/456",
    'She wrote "delete it", then =HYPERLINK("x")',
    "'@owl_admin (猫头鹰管理员)", // a cell starting with @ is neutralised (tests/unit/evidence-seal.test.ts)
    "The platform Telegram abuse form #TG-2026-0314 2026-03-15",
    "Reported",
    "2026-04-01",
  ]);
  expect(a[9]).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  expect(b.slice(0, 9)).toEqual([
    "2026-03-01 08:00 (Asia/Shanghai)",
    "leak-forum.example",
    "Thread 88",
    "https://leak-forum.example/t/88",
    entryForm().description,
    "",
    "The police Metropolitan Police #CAD 1234/14MAR 2026-03-15",
    "No answer",
    "2026-04-01",
  ]);
  const zh = parseCsv((await evidence.exportCsv(m.who, "zh-Hans")).replace(/^\ufeff/, ""));
  expect(zh).toHaveLength(3);
  expect(zh[1]![7]).toBe("已举报");
  expect(zh[2]![7]).toBe("没有回复");
});

test("a takedown request names the entry's place, links and time, in both languages", async () => {
  const m = await member();
  const { id } = await evidence.add(m.who, entryForm());
  const en = await evidence.takedown(m.who, id, "en");
  const zh = await evidence.takedown(m.who, id, "zh-Hans");
  for (const text of [en, zh]) {
    expect(text).toContain("Night Owls 夜猫子交流群");
    expect(text).toContain("https://t.me/nightowls/123\nhttps://t.me/nightowls/456");
    expect(text).toContain("2026-03-14 21:30 (Asia/Shanghai)");
    expect(text).toContain("@owl_admin (猫头鹰管理员)");
  }
  expect(en).toContain("To the Telegram safety team");
  expect(zh).toContain("Telegram（电报）安全团队");
});

test("a full log refuses one more entry and stores nothing", async () => {
  const m = await member();
  // Filled in bulk (the count is what is limited), then the last entry through the service.
  await db.execute(sql`
    insert into evidence_entries (member_id, nonce, sealed)
    select ${m.memberId}, decode(md5(g::text), 'hex'), decode(md5(g::text || 'x'), 'hex')
    from generate_series(1, ${EVIDENCE_MAX_ENTRIES - 1}) g`);
  await evidence.add(m.who, entryForm());
  await expect(evidence.add(m.who, entryForm())).rejects.toEqual(
    expect.objectContaining({ name: "Invalid", fields: {}, formError: "evidence.error.full", params: { max: EVIDENCE_MAX_ENTRIES } }),
  );
  const [held] = await db.select({ n: count() }).from(evidenceEntries).where(eq(evidenceEntries.memberId, m.memberId));
  expect(held!.n).toBe(EVIDENCE_MAX_ENTRIES);
});

test("adds racing for the last place in a full log: exactly one gets it", async () => {
  const m = await member();
  await db.execute(sql`
    insert into evidence_entries (member_id, nonce, sealed)
    select ${m.memberId}, decode(md5(g::text), 'hex'), decode(md5(g::text || 'x'), 'hex')
    from generate_series(1, ${EVIDENCE_MAX_ENTRIES - 1}) g`);
  // The pool's connections already open, as on a server in use (else opening them spaces the requests out).
  await Promise.all(Array.from({ length: 5 }, () => db.execute(sql`select pg_sleep(0.05)`)));
  // Requests at once (two tabs, a double submit) each see one place left.
  const outcomes = await Promise.all(
    Array.from({ length: 4 }, () =>
      evidence.add(m.who, entryForm()).then(
        () => "added",
        (e: { formError?: string }) => e.formError ?? String(e),
      ),
    ),
  );
  const [held] = await db.select({ n: count() }).from(evidenceEntries).where(eq(evidenceEntries.memberId, m.memberId));
  expect(held!.n).toBe(EVIDENCE_MAX_ENTRIES);
  expect(outcomes.sort()).toEqual(["added", "evidence.error.full", "evidence.error.full", "evidence.error.full"]);
});

test("an entry id that is not a UUID is not found (never a database error)", async () => {
  const m = await member();
  await evidence.add(m.who, entryForm());
  for (const id of ["not-a-uuid", "1", "../settings", "00000000-0000-0000-0000-00000000000g", ""]) {
    await expect(evidence.get(m.who, id), id).rejects.toMatchObject({ name: "NotFound" });
    await expect(evidence.update(m.who, id, entryForm()), id).rejects.toMatchObject({ name: "NotFound" });
    await expect(evidence.remove(m.who, id), id).rejects.toMatchObject({ name: "NotFound" });
    await expect(evidence.takedown(m.who, id, "en"), id).rejects.toMatchObject({ name: "NotFound" });
  }
});

const L = EVIDENCE_LIMITS;
const REFUSED: Array<[string, Record<string, string>, Record<string, string>]> = [
  ["an impossible follow-up date", { followUp: "2026-02-30" }, { followUp: "evidence.error.date" }],
  ["a follow-up date in another shape", { followUp: "14/03/2026" }, { followUp: "evidence.error.date" }],
  ["a report date that is not a date", { report0On: "yesterday" }, { report0On: "evidence.error.date" }],
  ["a sighting at hour 24", { seenAt: "2026-03-14T24:00" }, { seenAt: "evidence.error.dateTime" }],
  ["a sighting without its T", { seenAt: "2026-03-14 21:30" }, { seenAt: "evidence.error.dateTime" }],
  ["a sighting on 31 April", { seenAt: "2026-04-31T10:00" }, { seenAt: "evidence.error.dateTime" }],
  ["a platform not in the list", { platform: "myspace" }, { platform: "evidence.error.platform" }],
  ["no platform", { platform: "" }, { platform: "evidence.error.platform" }],
  ["a status not in the list", { status: "gone" }, { status: "evidence.error.status" }],
  ["a report to nowhere listed", { report0To: "the-moon" }, { report0To: "form.invalid" }],
  ["a case number without where it was reported", { report0To: "" }, { report0To: "evidence.error.reportedTo" }],
  ["a platform detail too long", { platformDetail: "p".repeat(L.platformDetail + 1) }, { platformDetail: "form.tooLong" }],
  ["a place too long (code points)", { place: "群".repeat(L.place + 1) }, { place: "form.tooLong" }],
  ["links too long", { links: "h".repeat(L.links + 1) }, { links: "form.tooLong" }],
  ["too many links", { links: Array.from({ length: L.linkCount + 1 }, (_, i) => `https://t.me/c/${i}`).join("\n") }, { links: "evidence.error.tooManyLinks" }],
  ["a description too long", { description: "d".repeat(L.description + 1) }, { description: "form.tooLong" }],
  ["a poster too long", { postedBy: "😀".repeat(L.postedBy + 1) }, { postedBy: "form.tooLong" }],
  ["a report name too long", { report0Name: "n".repeat(L.reportName + 1) }, { report0Name: "form.tooLong" }],
  ["a case number too long", { report0Case: "9".repeat(L.caseNumber + 1) }, { report0Case: "form.tooLong" }],
  ["a bell in the description", { description: "ring\u0007ring" }, { description: "evidence.error.control" }],
  ["a NUL in the place", { place: "Night\u0000Owls" }, { place: "evidence.error.control" }],
  ["a C1 control in the poster", { postedBy: "owl\u009badmin" }, { postedBy: "evidence.error.control" }],
  ["an escape in the case number", { report0Case: "TG\u001b[31m" }, { report0Case: "evidence.error.control" }],
  ["a DEL in the links", { links: "https://t.me/a\u007f" }, { links: "evidence.error.control" }],
  [
    "several bad fields at once",
    { platform: "myspace", followUp: "2026-13-01", description: "\u0001" },
    { platform: "evidence.error.platform", followUp: "evidence.error.date", description: "evidence.error.control" },
  ],
];

test.each(REFUSED)("%s is refused with its field's message, on adding and on editing, and nothing is stored", async (_name, over, fields) => {
  const m = await member();
  const { id } = await evidence.add(m.who, entryForm());
  const before = await entryRows(m.memberId);
  const refusal = await evidence.add(m.who, entryForm(over)).catch((e) => e);
  expect(refusal).toEqual(invalid(fields));
  expect(Object.keys(refusal.fields).sort()).toEqual(Object.keys(fields).sort());
  await expect(evidence.update(m.who, id, entryForm(over))).rejects.toEqual(invalid(fields));
  expect(await entryRows(m.memberId)).toEqual(before);
});

test("the limits are in code points, inclusive; bidi overrides are dropped, not refused", async () => {
  const m = await member();
  const atLimit = entryForm({
    place: "群".repeat(L.place),
    postedBy: "😀".repeat(L.postedBy),
    description: "d".repeat(L.description),
    links: Array.from({ length: L.linkCount }, (_, i) => `https://t.me/c/${i}`).join("\n"),
    platformDetail: "\u202eevil\u202c name",
  });
  const got = opened(await evidence.get(m.who, (await evidence.add(m.who, atLimit)).id));
  expect([...got.place]).toHaveLength(L.place);
  expect([...got.postedBy]).toHaveLength(L.postedBy);
  expect(got.links).toHaveLength(L.linkCount);
  expect(got.platformDetail).toBe("evil name");
});

const TEXT_FIELDS = ["description", "place", "postedBy", "platformDetail", "links", "report0Name", "report0Case"] as const;
const IMAGES: Array<[string, string]> = [
  ["markdown image", "![me](https://example.com/me.jpg)"],
  ["HTML img", '<img src="https://example.com/me.jpg" onerror="alert(1)">'],
  // A whole 1×1 GIF, short enough for the shortest fields (100 code points, checked before the guard).
  ["data:image URI", "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"],
];
const fieldValue = (e: EvidenceEntry, field: (typeof TEXT_FIELDS)[number]) =>
  field === "links" ? e.links.join("\n") : field === "report0Name" ? e.reports[0]!.name : field === "report0Case" ? e.reports[0]!.caseNumber : e[field];

test("an image or data: URI in any text field is removed, the member is told, and no removal is recorded for moderators", async () => {
  const m = await member();
  const [removalsBefore] = await db.select({ n: count() }).from(mediaRemovals);
  const tried: string[] = [];
  for (const field of TEXT_FIELDS) {
    for (const [kind, image] of IMAGES) {
      const label = `${kind} in ${field}`;
      const added = await evidence.add(m.who, entryForm({ [field]: `before ${image} after` }));
      expect(added.imageRemoved, label).toBe(true);
      const value = fieldValue(opened(await evidence.get(m.who, added.id)), field);
      expect(value, label).toMatch(/^before\s+after$/);
      // The edit path: the same guard, the same notice.
      const { id } = await evidence.add(m.who, entryForm());
      expect((await evidence.update(m.who, id, entryForm({ [field]: `${image} kept words` }))).imageRemoved, label).toBe(true);
      expect(fieldValue(opened(await evidence.get(m.who, id)), field), label).toBe("kept words");
      tried.push(label);
    }
  }
  expect(tried).toHaveLength(21);
  // Nothing anywhere in what was stored still carries an image.
  const json = await evidence.exportJson(m.who);
  for (const trace of ["![", "<img", "data:", "iVBORw0KGgo"]) expect(json).not.toContain(trace);
  // Decision 018: media_removals is what moderators see; a row there would reveal the log.
  expect(await db.select().from(mediaRemovals).where(eq(mediaRemovals.memberId, m.memberId))).toEqual([]);
  const [removalsAfter] = await db.select({ n: count() }).from(mediaRemovals);
  expect(removalsAfter!.n).toBe(removalsBefore!.n);
});

test("an entry that only talks about images keeps its words and says nothing was removed", async () => {
  const m = await member();
  const words = entryForm({
    description: "A photo (photo.jpg) and a video; the link said image/png. 一张照片和一段视频。",
    links: "https://example.com/me.jpg",
  });
  const added = await evidence.add(m.who, words);
  expect(added.imageRemoved).toBe(false);
  const got = opened(await evidence.get(m.who, added.id));
  expect(got.description).toBe(words.description);
  expect(got.links).toEqual(["https://example.com/me.jpg"]);
});
