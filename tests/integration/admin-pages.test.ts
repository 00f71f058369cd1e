// The admin pages over real HTTP: admins only (403 for members and moderators, sign-in first for
// visitors), settings saved with their audit rows and bad input kept, roles with forums, and
// invitation codes shown once and never again.
import { and, desc, eq } from "drizzle-orm";
import { expect, test } from "vitest";
import { auditLog, forums, members, moderatorForums } from "#db/schema.ts";
import { readSetting } from "#server/settings/store.ts";
import { Browserless, pageText } from "#tests/helpers/http-client.ts";
import { GOOD_PASSPHRASE, uniquePseudonym } from "#tests/helpers/members.ts";
import { startTestHearth } from "#tests/helpers/server.ts";

const hearth = await startTestHearth();
const db = hearth.database.db;
const PAGES = ["/admin", "/admin/settings", "/admin/moderators", "/admin/invites"];

async function signedIn(role: "member" | "moderator" | "admin" = "member") {
  const client = new Browserless(hearth.url);
  const pseudonym = uniquePseudonym();
  expect((await client.post("/join", { pseudonym, password: GOOD_PASSPHRASE, confirmPassword: GOOD_PASSPHRASE })).status).toBe(200);
  const [row] = await db.update(members).set({ role }).where(eq(members.pseudonym, pseudonym)).returning({ id: members.id });
  return { client, pseudonym, id: row!.id };
}

const lastAudit = async (actorId: string) => (await db.select().from(auditLog).where(eq(auditLog.actorId, actorId)).orderBy(desc(auditLog.id)).limit(1))[0];

test("visitors are sent to sign in; members and moderators get 403, on every page and every form", async () => {
  const visitor = new Browserless(hearth.url);
  for (const path of PAGES) {
    const res = await visitor.get(path);
    expect(res.status, path).toBe(302);
    expect(res.headers.get("location")).toBe("/login");
  }
  for (const role of ["member", "moderator"] as const) {
    const { client } = await signedIn(role);
    for (const path of PAGES) expect((await client.get(path)).status, `${role} ${path}`).toBe(403);
    expect((await client.post("/admin/settings", { intent: "probation", posts: "9" })).status).toBe(403);
    expect((await client.post("/admin/invites", { intent: "create", label: "" })).status).toBe(403);
    expect((await client.post("/admin/moderators", { pseudonym: "anyone", role: "admin" })).status).toBe(403);
    const header = await (await client.get("/forums")).text();
    expect(header.includes('href="/admin"')).toBe(false);
    expect(header.includes('href="/mod"')).toBe(role === "moderator");
  }
  expect(await readSetting(db, "probation.posts")).toBe(0);
});

test("an admin sees the pages and the header links; settings save with an audit row, bad input is kept and nothing saved", async () => {
  const admin = await signedIn("admin");
  const home = await (await admin.client.get("/admin")).text();
  expect(home).toContain('href="/admin/settings"');
  expect(home).toContain('href="/mod"');
  expect(home).toContain('href="/admin"');
  expect(pageText(await (await admin.client.get("/admin/settings")).text())).toContain("Who can join");

  const saved = await admin.client.post("/admin/settings", { intent: "probation", posts: "0" });
  expect(saved.status).toBe(200);
  expect(pageText(await saved.text())).toContain("Saved.");
  expect(await lastAudit(admin.id)).toMatchObject({ actorKind: "member", action: "setting.change", detail: { key: "probation.posts", value: 0 } });
  expect((await admin.client.post("/admin/settings", { intent: "probation", posts: "5" })).status).toBe(200);
  expect(await readSetting(db, "probation.posts")).toBe(5);

  expect((await admin.client.post("/admin/settings", { intent: "registration", mode: "approval" })).status).toBe(200);
  expect(await readSetting(db, "registration.mode")).toBe("approval");
  expect((await admin.client.post("/admin/settings", { intent: "registration", mode: "everyone" })).status).toBe(400);
  expect(await readSetting(db, "registration.mode")).toBe("approval");
  await admin.client.post("/admin/settings", { intent: "registration", mode: "open" });

  const words = "spam link = flag\nmy street = HOLD\n";
  expect((await admin.client.post("/admin/settings", { intent: "watched", words })).status).toBe(200);
  expect(await readSetting(db, "moderation.watched_words")).toEqual([
    { word: "spam link", action: "flag" },
    { word: "my street", action: "hold" },
  ]);
  const bad = await admin.client.post("/admin/settings", { intent: "watched", words: "fine = block\n\nno action here\n" });
  expect(bad.status).toBe(400);
  const badHtml = await bad.text();
  expect(pageText(badHtml)).toContain("Line 3 needs fixing.");
  expect(pageText(badHtml)).toContain("Write each watched word as: word = hold, block or flag.");
  expect(badHtml).toContain("no action here");
  const wrongAction = pageText(await (await admin.client.post("/admin/settings", { intent: "watched", words: "x = delete" })).text());
  expect(wrongAction).toContain("After the “=”, write hold, block or flag.");
  expect(await readSetting(db, "moderation.watched_words")).toHaveLength(2);

  expect((await admin.client.post("/admin/settings", { intent: "templates", templates: "Identifying details\n\nOff topic" })).status).toBe(200);
  expect(await readSetting(db, "moderation.reason_templates")).toEqual(["Identifying details", "Off topic"]);
  expect((await admin.client.post("/admin/settings", { intent: "repeat", count: "4", hours: "12" })).status).toBe(200);
  expect(await readSetting(db, "moderation.repeat_image")).toEqual({ count: 4, hours: 12 });
  const zero = await admin.client.post("/admin/settings", { intent: "repeat", count: "0", hours: "12" });
  expect(zero.status).toBe(400);
  expect(pageText(await zero.text())).toContain("That value does not fit this setting.");
  expect((await admin.client.post("/admin/settings", { intent: "probation", posts: "three" })).status).toBe(400);

  // The crisis resources: JSON, with each wrong part named; the typed text kept.
  const before = await readSetting(db, "help.resources.en");
  const notJson = await admin.client.post("/admin/settings", { intent: "help-en", "resources-en": "{not json" });
  expect(notJson.status).toBe(400);
  const notJsonHtml = await notJson.text();
  expect(pageText(notJsonHtml)).toContain("The value is not valid JSON.");
  expect(notJsonHtml).toContain("{not json");
  const badUrl = JSON.stringify({ services: [{ name: "A line", offers: "Talk", region: "UK", contact: "0800", url: "javascript:alert(1)" }], steps: [] });
  const pathText = pageText(await (await admin.client.post("/admin/settings", { intent: "help-en", "resources-en": badUrl })).text());
  expect(pathText).toContain("services.0.url");
  expect(pathText).toContain("Only a full http:// or https:// address can be used here.");
  expect(await readSetting(db, "help.resources.en")).toEqual(before);
  const good = { ...before, note: "Updated by the admin." };
  expect((await admin.client.post("/admin/settings", { intent: "help-en", "resources-en": JSON.stringify(good) })).status).toBe(200);
  expect(await readSetting(db, "help.resources.en")).toEqual(good);
  expect(pageText(await (await admin.client.get("/help")).text())).toContain("Updated by the admin.");

  const keys = (await db.select().from(auditLog).where(eq(auditLog.actorId, admin.id))).map((r) => (r.detail as { key: string }).key);
  expect(keys.sort()).toEqual(
    [
      "help.resources.en",
      "moderation.reason_templates",
      "moderation.repeat_image",
      "moderation.watched_words",
      "probation.posts",
      "probation.posts",
      "registration.mode",
      "registration.mode",
    ].sort(),
  );
});

test("moderators page: appoint a moderator of chosen forums, change to all forums, remove; each audited, effective on the next request", async () => {
  const admin = await signedIn("admin");
  const target = await signedIn("member");
  const appoint = await admin.client.post("/admin/moderators?index", {});
  expect([200, 400]).toContain(appoint.status); // an empty form is answered, not a crash
  const body = new URLSearchParams({ pseudonym: target.pseudonym.toUpperCase(), role: "moderator" });
  body.append("forums", "support");
  body.append("forums", "introductions");
  const res = await fetch(new URL("/admin/moderators", hearth.url), {
    method: "POST",
    redirect: "manual",
    body,
    headers: { origin: "null", "sec-fetch-site": "same-origin", cookie: admin.client.cookieHeader() },
  });
  expect(res.status).toBe(200);
  expect(pageText(await res.text())).toContain(`${target.pseudonym} is now: Moderator.`);
  const rows = await db
    .select({ slug: forums.slug })
    .from(moderatorForums)
    .innerJoin(forums, eq(forums.id, moderatorForums.forumId))
    .where(eq(moderatorForums.memberId, target.id));
  expect(rows.map((r) => r.slug).sort()).toEqual(["introductions", "support"]);
  expect(await lastAudit(admin.id)).toMatchObject({
    action: "member.role",
    targetId: target.id,
    detail: { from: "member", to: "moderator", forums: ["introductions", "support"] },
  });
  // Their very next request sees the role: the moderation link appears.
  expect(await (await target.client.get("/forums")).text()).toContain('href="/mod"');
  const list = pageText(await (await admin.client.get("/admin/moderators")).text());
  expect(list).toContain(target.pseudonym);
  expect(list).toContain("Introductions");

  expect((await admin.client.post("/admin/moderators", { pseudonym: target.pseudonym, role: "moderator" })).status).toBe(200);
  expect(await db.select().from(moderatorForums).where(eq(moderatorForums.memberId, target.id))).toEqual([]);
  expect(pageText(await (await admin.client.get("/admin/moderators")).text())).toContain("All forums");

  const unknown = await admin.client.post("/admin/moderators", { pseudonym: "Nobodyatallhere", role: "moderator" });
  expect(unknown.status).toBe(400);
  expect(pageText(await unknown.text())).toContain("No member has that pseudonym.");
  const self = await admin.client.post("/admin/moderators", { pseudonym: admin.pseudonym, role: "member" });
  expect(self.status).toBe(400);
  expect(pageText(await self.text())).toContain("You cannot change your own role here.");

  expect((await admin.client.post("/admin/moderators", { pseudonym: target.pseudonym, role: "member" })).status).toBe(200);
  expect((await db.select({ role: members.role }).from(members).where(eq(members.id, target.id)))[0]!.role).toBe("member");
  expect(await (await target.client.get("/forums")).text()).not.toContain('href="/mod"');
  const roleRows = await db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, "member.role"), eq(auditLog.targetId, target.id)));
  expect(roleRows.map((r) => (r.detail as { to: string }).to)).toEqual(["moderator", "moderator", "member"]);
  expect(roleRows.every((r) => r.actorKind === "member" && r.actorId === admin.id)).toBe(true);
});

test("invites page: a code is shown once, the list never shows it, revoking is audited", async () => {
  const admin = await signedIn("admin");
  const made = await admin.client.post("/admin/invites", { intent: "create", label: "For the Tuesday group" });
  expect(made.status).toBe(200);
  const html = await made.text();
  const code = html.match(/class="invite-code">([a-z2-7]{4}(?:-[a-z2-7]{4}){3})</)?.[1];
  expect(code).toBeDefined();
  expect(pageText(html)).toContain("it cannot be shown again");
  const listed = await (await admin.client.get("/admin/invites")).text();
  expect(listed).not.toContain(code!);
  expect(pageText(listed)).toContain("For the Tuesday group");
  expect(pageText(listed)).toContain("Open");
  const id = listed.match(/name="id" value="([0-9a-f-]{36})"/)![1]!;
  const revoked = await admin.client.post("/admin/invites", { intent: "revoke", id });
  expect(revoked.status).toBe(200);
  expect(pageText(await revoked.text())).toContain("The invitation was revoked.");
  expect(pageText(await (await admin.client.get("/admin/invites")).text())).toContain("Revoked");
  expect((await admin.client.post("/admin/invites", { intent: "revoke", id: "not-an-id" })).status).toBe(404);
  const audits = await db.select().from(auditLog).where(eq(auditLog.actorId, admin.id));
  expect(audits.map((a) => [a.action, a.targetId])).toEqual([
    ["invite.create", id],
    ["invite.revoke", id],
  ]);
});
