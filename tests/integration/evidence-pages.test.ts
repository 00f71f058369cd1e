// The evidence log's pages over real HTTP (issue 11), in the states the Chromium journeys do not
// reach: a session that cannot open the log (every page below it sends the member back to open
// it; a passphrase opens it; starting over needs the tick and deletes what nobody can read), a
// member with no log yet (and recovery codes made before it), another member's entry (the 404
// page, for reading and for writing), the downloads' headers, and the admin's takedown template.
import { randomBytes, randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { expect, test } from "vitest";
import { evidenceEntries, evidenceKeys, members } from "#db/schema.ts";
import { Browserless, pageText } from "#tests/helpers/http-client.ts";
import { GOOD_PASSPHRASE, uniquePseudonym } from "#tests/helpers/members.ts";
import { startTestHearth } from "#tests/helpers/server.ts";

const hearth = await startTestHearth();
const db = hearth.database.db;
const BELOW = ["/settings/evidence/new", "/settings/evidence/print", "/settings/evidence/export.json", "/settings/evidence/export.csv"];
const FIELDS = { platform: "telegram", place: "Leaks channel", links: "https://t.me/c/42/7", status: "reported", timeZone: "UTC" };

/** A member who joined through /join (so their log is sealed for this session). */
async function joined(role: "member" | "admin" = "member") {
  const client = new Browserless(hearth.url);
  const pseudonym = uniquePseudonym("Ev");
  expect((await client.post("/join", { pseudonym, password: GOOD_PASSPHRASE, confirmPassword: GOOD_PASSPHRASE })).status).toBe(200);
  const [row] = await db.update(members).set({ role }).where(eq(members.pseudonym, pseudonym)).returning({ id: members.id });
  return { client, id: row!.id };
}

async function addEntry(client: Browserless, fields: Record<string, string> = FIELDS) {
  const res = await client.post("/settings/evidence/new", fields);
  expect(res.status).toBe(302);
  const id = /#entry-([0-9a-f-]{36})$/.exec(res.headers.get("location") ?? "")?.[1];
  expect(id).toBeDefined();
  return id!;
}

const text = async (res: Response) => pageText(await res.text());
const entryCount = async (memberId: string) =>
  (await db.select({ id: evidenceEntries.id }).from(evidenceEntries).where(eq(evidenceEntries.memberId, memberId))).length;
const dropSessionWraps = (memberId: string) => db.delete(evidenceKeys).where(and(eq(evidenceKeys.memberId, memberId), eq(evidenceKeys.kind, "session")));

test("locked in this session: every page below the log sends the member to open it; the passphrase opens it", async () => {
  const { client, id } = await joined();
  const entryId = await addEntry(client);
  await dropSessionWraps(id);

  const log = await text(await client.get("/settings/evidence"));
  expect(log).toContain("Open your log");
  expect(log).toContain("1 entry.");
  expect(log).not.toContain("Leaks channel");
  for (const path of [...BELOW, `/settings/evidence/${entryId}`]) {
    const res = await client.get(path);
    expect(res.status, path).toBe(302);
    expect(res.headers.get("location"), path).toBe("/settings/evidence");
  }
  const refusedAdd = await client.post("/settings/evidence/new", FIELDS);
  expect(refusedAdd.headers.get("location")).toBe("/settings/evidence");
  expect(await entryCount(id)).toBe(1);

  const wrong = await client.post("/settings/evidence", { intent: "unlock", current: "not my passphrase at all" });
  expect(wrong.status).toBe(400);
  expect(await text(wrong)).toContain("That passphrase does not open your log.");
  const opened = await client.post("/settings/evidence", { intent: "unlock", current: GOOD_PASSPHRASE });
  expect(opened.status).toBe(302);
  expect(opened.headers.get("location")).toBe("/settings/evidence?done=opened");
  const open = await text(await client.get("/settings/evidence?done=opened"));
  expect(open).toContain("Your log is open.");
  expect(open).toContain("Leaks channel");
  expect((await client.get(`/settings/evidence/${entryId}`)).status).toBe(200);
});

test("when nothing opens the log any more, starting over needs the tick and the passphrase, and deletes the old entries", async () => {
  const { client, id } = await joined();
  await addEntry(client);
  await addEntry(client);
  await dropSessionWraps(id);
  // The passphrase's wrap no longer opens (as after recovery with a code made before the log).
  await db
    .update(evidenceKeys)
    .set({ wrapped: randomBytes(48) })
    .where(and(eq(evidenceKeys.memberId, id), eq(evidenceKeys.kind, "passphrase")));
  expect(await text(await client.post("/settings/evidence", { intent: "unlock", current: GOOD_PASSPHRASE }))).toContain(
    "That passphrase does not open your log.",
  );

  const untick = await client.post("/settings/evidence", { intent: "start-over", current: GOOD_PASSPHRASE });
  expect(untick.status).toBe(400);
  expect(await text(untick)).toContain("Tick the box to confirm that the old entries will be deleted.");
  const wrong = await client.post("/settings/evidence", { intent: "start-over", confirm: "yes", current: "not my passphrase at all" });
  expect(wrong.status).toBe(400);
  expect(await text(wrong)).toContain("That is not your current passphrase.");
  expect(await entryCount(id)).toBe(2);

  const over = await client.post("/settings/evidence", { intent: "start-over", confirm: "yes", current: GOOD_PASSPHRASE });
  expect(over.headers.get("location")).toBe("/settings/evidence?done=startedOver");
  expect(await entryCount(id)).toBe(0);
  const page = await text(await client.get("/settings/evidence?done=startedOver"));
  expect(page).toContain("The old entries were deleted. Your new log is empty and ready.");
  expect(page).toContain("There are no entries in your log yet.");
});

test("a member without a log starts one; the codes made before it are counted, with the way to new ones", async () => {
  const { client, id } = await joined();
  await db.delete(evidenceKeys).where(eq(evidenceKeys.memberId, id));
  const before = await text(await client.get("/settings/evidence"));
  expect(before).toContain("Start your log");
  expect(before).not.toContain("recovery codes were made before your log");
  for (const path of BELOW) expect((await client.get(path)).headers.get("location"), path).toBe("/settings/evidence");

  expect((await client.post("/settings/evidence", { intent: "start", current: "not my passphrase at all" })).status).toBe(400);
  const started = await client.post("/settings/evidence", { intent: "start", current: GOOD_PASSPHRASE });
  expect(started.headers.get("location")).toBe("/settings/evidence?done=started");
  const html = await (await client.get("/settings/evidence?done=started")).text();
  expect(pageText(html)).toContain("Your log is ready. Only you can open it.");
  expect(pageText(html)).toContain("10 of your recovery codes were made before your log and cannot open it.");
  expect(html).toContain('href="/settings#codes"');
  expect(await (await client.get("/settings")).text()).toContain('id="codes"');

  expect((await client.post("/settings", { intent: "regenerate-codes", current: GOOD_PASSPHRASE })).status).toBe(200);
  expect(await text(await client.get("/settings/evidence"))).not.toContain("made before your log");
  await addEntry(client);
});

test("another member's entry is the 404 page, to read, change or delete, and a download holds only one's own log", async () => {
  const owner = await joined();
  const other = await joined();
  const theirs = await addEntry(owner.client, { ...FIELDS, place: "Owner's secret place" });
  await addEntry(other.client, { ...FIELDS, place: "Other's own place" });
  for (const res of [
    await other.client.get(`/settings/evidence/${theirs}`),
    await other.client.post(`/settings/evidence/${theirs}`, { ...FIELDS, intent: "save", place: "Changed" }),
    await other.client.post(`/settings/evidence/${theirs}`, { intent: "delete", confirm: "yes" }),
    await other.client.get(`/settings/evidence/${randomUUID()}`),
    await other.client.get("/settings/evidence/not-an-id"),
  ]) {
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain("Owner");
  }
  expect(await entryCount(owner.id)).toBe(1);
  expect(await text(await owner.client.get(`/settings/evidence/${theirs}`))).toContain("Owner's secret place");

  const json = await other.client.get("/settings/evidence/export.json");
  expect(json.headers.get("content-type")).toBe("application/json; charset=utf-8");
  expect(json.headers.get("cache-control")).toBe("no-store");
  // Added to the site's policy (both are enforced): never run as a page, as attachments are.
  expect(json.headers.get("content-security-policy")).toContain(", default-src 'none'; sandbox");
  expect(json.headers.get("content-disposition")).toMatch(/^attachment; filename="hearth-evidence-\d{4}-\d{2}-\d{2}\.json"$/);
  const body = await json.text();
  expect(body).toContain("Other's own place");
  expect(body).not.toContain("Owner's secret place");
  const csv = await other.client.get("/settings/evidence/export.csv");
  expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
  expect(csv.headers.get("content-disposition")).toMatch(/^attachment; filename="hearth-evidence-\d{4}-\d{2}-\d{2}\.csv"$/);
  const sheet = await csv.text();
  expect(sheet).toContain("Other's own place");
  expect(sheet).not.toContain("Owner's secret place");
});

test("the admin edits the takedown templates (line ends as typed); an empty one is refused and nothing saved", async () => {
  const admin = await joined("admin");
  const member = await joined();
  const entryId = await addEntry(member.client);
  const settings = await text(await admin.client.get("/admin/settings"));
  expect(settings).toContain("Takedown request text (English)");
  expect(settings).toContain("To the {platform} safety team,");

  const saved = await admin.client.post("/admin/settings", { intent: "takedown-en", "takedown-en": "Hello {platform} team,\r\nplease remove {links}.\r\n" });
  expect(saved.status).toBe(200);
  const empty = await admin.client.post("/admin/settings", { intent: "takedown-zh-Hans", "takedown-zh-Hans": "   " });
  expect(empty.status).toBe(400);
  expect(await text(empty)).toContain("Takedown request text (Chinese)");

  const page = await (await member.client.get(`/settings/evidence/${entryId}`)).text();
  expect(page).toContain("Hello Telegram team,\nplease remove https://t.me/c/42/7.");
  expect(page).toContain("安全团队");
});

test("an entry altered in the database is shown only as such, never its contents, and can be deleted", async () => {
  const { client, id } = await joined();
  const kept = await addEntry(client, { ...FIELDS, place: "An untouched place" });
  const altered = await addEntry(client, { ...FIELDS, place: "A place that was altered" });
  const [row] = await db.select({ sealed: evidenceEntries.sealed }).from(evidenceEntries).where(eq(evidenceEntries.id, altered));
  const flipped = Buffer.from(row!.sealed);
  flipped[0] = flipped[0]! ^ 0xff;
  await db.update(evidenceEntries).set({ sealed: flipped }).where(eq(evidenceEntries.id, altered));

  const broken = "This entry was changed outside Hearth, so it cannot be trusted and is not shown.";
  const log = await client.get("/settings/evidence");
  const html = await log.text();
  expect(pageText(html)).toContain(broken);
  expect(pageText(html)).toContain("An untouched place");
  expect(html).toContain(`href="/settings/evidence/${altered}"`);
  for (const path of [`/settings/evidence/${altered}`, "/settings/evidence/print"]) {
    const page = await text(await client.get(path));
    expect(page, path).toContain(broken);
    expect(page, path).not.toContain("A place that was altered");
  }
  expect(await text(await client.get(`/settings/evidence/${altered}`))).not.toContain("Takedown request");
  const deleted = await client.post(`/settings/evidence/${altered}`, { intent: "delete", confirm: "yes" });
  expect(deleted.headers.get("location")).toBe("/settings/evidence?done=deleted");
  expect((await db.select({ id: evidenceEntries.id }).from(evidenceEntries).where(eq(evidenceEntries.memberId, id))).map((e) => e.id)).toEqual([kept]);
});
