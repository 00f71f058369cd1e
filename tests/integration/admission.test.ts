// Who may join, over real HTTP and the real services: the three registration modes, a waiting
// member kept to /waiting until a moderator decides, single-use invitations (also under
// concurrency), the join form's errors all at once, and the probation count.
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { expect, test } from "vitest";
import { auditLog, invites, members, queueItems, sessions } from "#db/schema.ts";
import { signUp } from "#server/auth/accounts.ts";
import { memoryThrottle } from "#server/auth/throttle.ts";
import type { Actor } from "#server/authz/policy.ts";
import { onProbation } from "#server/admission/probation.ts";
import { createNotifyLive } from "#server/realtime/notify-live.ts";
import { createServices } from "#server/services.ts";
import { writeSetting } from "#server/settings/store.ts";
import { startThread, viewerFor } from "#tests/helpers/forums.ts";
import { Browserless, pageText } from "#tests/helpers/http-client.ts";
import { GOOD_PASSPHRASE, uniquePseudonym } from "#tests/helpers/members.ts";
import { createTestDatabase } from "#tests/helpers/db.ts";
import { startTestHearth } from "#tests/helpers/server.ts";

const hearth = await startTestHearth();
const db = hearth.database.db;
const services = createServices({ db, throttle: memoryThrottle(), live: createNotifyLive(hearth.database.pool) });

const actorOf = (id: string, role: Actor["role"], moderatedForums: string[] | null = null): Actor => ({
  id,
  role,
  status: "active",
  suspendedUntil: null,
  postingPaused: false,
  moderatedForums,
});

async function join(fields: Record<string, string> = {}) {
  const client = new Browserless(hearth.url);
  const pseudonym = uniquePseudonym();
  const res = await client.post("/join", { pseudonym, password: GOOD_PASSPHRASE, confirmPassword: GOOD_PASSPHRASE, ...fields });
  return { client, pseudonym, res, html: await res.text() };
}

const memberNamed = async (pseudonym: string) => (await db.select().from(members).where(eq(members.pseudonym, pseudonym)))[0];

test("open: a new member is active at once and reads members-only forums", async () => {
  await writeSetting(db, "registration.mode", "open");
  const form = pageText(await (await new Browserless(hearth.url).get("/join")).text());
  expect(form).not.toContain("Invitation code");
  const { client, pseudonym, res, html } = await join();
  expect(res.status).toBe(200);
  expect(html).toContain('href="/welcome"');
  expect((await memberNamed(pseudonym))!.status).toBe("active");
  expect((await client.get("/forums")).status).toBe(200);
  expect((await client.get("/waiting")).headers.get("location")).toBe("/");
  expect((await new Browserless(hearth.url).get("/waiting")).headers.get("location")).toBe("/login");
});

test("approval: the new member waits on /waiting with a queue item; approved, they read; refused, the account is gone", async () => {
  await writeSetting(db, "registration.mode", "approval");
  const { viewer } = await viewerFor(db, {}); // made while approval is on: waiting too
  await db.update(members).set({ status: "active" }).where(eq(members.id, viewer.id));
  const thread = await startThread(db, viewer, { forum: "support", title: "Only for members here" });

  const joinPage = pageText(await (await new Browserless(hearth.url).get("/join")).text());
  expect(joinPage).toContain("A moderator looks at each new account");
  const waiting = await join();
  expect(waiting.res.status).toBe(200);
  // The codes are shown (once), then the member goes on to the waiting page; no forum links.
  expect(waiting.html).toMatch(/[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}/);
  expect(waiting.html).toContain('href="/waiting"');
  expect(waiting.html).not.toContain('href="/forums"');
  const row = (await memberNamed(waiting.pseudonym))!;
  expect(row.status).toBe("waiting");
  const [item] = await db.select().from(queueItems).where(eq(queueItems.memberId, row.id));
  expect(item).toMatchObject({ kind: "approval", targetKey: `member:${row.id}`, forumId: null, priority: 7, resolvedAt: null });

  const page = await waiting.client.get("/waiting");
  expect(page.status).toBe(200);
  const text = pageText(await page.text());
  expect(text).toContain("A moderator will look at your account soon");
  expect(text).toContain("Sign out");
  const waitingHtml = await (await waiting.client.get("/waiting")).text();
  expect(waitingHtml).toContain('href="/help"');
  expect(waitingHtml).toContain('href="/safety"');
  expect(waitingHtml).not.toContain('href="/forums"');
  expect(waitingHtml).not.toContain('href="/settings"');
  for (const path of ["/forums", "/f/support", `/t/${thread.threadId}`, "/settings", "/", "/join"])
    expect((await waiting.client.get(path)).headers.get("location"), path).toBe("/waiting");
  expect((await waiting.client.get("/help")).status).toBe(200);
  // A client-side data request naming only a page's loader (`?_routes=`) still meets the redirect.
  for (const path of ["/forums.data?_routes=routes/forums", `/search.data?_routes=routes/search&q=thread`]) {
    const res = await waiting.client.get(path);
    const body = await res.text();
    expect(body, path).toContain("/waiting");
    expect(body, path).not.toContain("Support");
  }

  // A member (not a moderator) cannot decide; a moderator of some forums only cannot either.
  const { viewer: plain } = await viewerFor(db);
  await expect(services.admission.decideApproval(actorOf(plain.id, "member"), row.id, "approve")).rejects.toMatchObject({ name: "Forbidden" });
  await expect(services.admission.decideApproval(actorOf(plain.id, "moderator", [randomUUID()]), row.id, "approve")).rejects.toMatchObject({
    name: "Forbidden",
  });

  const { viewer: mod } = await viewerFor(db);
  await db.update(members).set({ role: "moderator", status: "active" }).where(eq(members.id, mod.id));
  await services.admission.decideApproval(actorOf(mod.id, "moderator"), row.id, "approve");
  expect((await memberNamed(waiting.pseudonym))!.status).toBe("active");
  const [resolved] = await db.select().from(queueItems).where(eq(queueItems.id, item!.id));
  expect(resolved).toMatchObject({ resolvedBy: mod.id, resolution: "approved" });
  expect(resolved!.resolvedAt).not.toBeNull();
  expect(pageText(await (await waiting.client.get(`/t/${thread.threadId}`)).text())).toContain("Only for members here");
  expect((await waiting.client.get("/waiting")).headers.get("location")).toBe("/");
  // Deciding twice finds no waiting member.
  await expect(services.admission.decideApproval(actorOf(mod.id, "moderator"), row.id, "refuse")).rejects.toMatchObject({ name: "NotFound" });

  const refused = await join();
  const refusedRow = (await memberNamed(refused.pseudonym))!;
  await services.admission.decideApproval(actorOf(mod.id, "admin"), refusedRow.id, "refuse", "Looks like spam");
  expect(await memberNamed(refused.pseudonym)).toBeUndefined();
  expect(await db.select().from(sessions).where(eq(sessions.memberId, refusedRow.id))).toEqual([]);
  expect((await refused.client.get("/forums")).status).toBe(200); // signed out: a visitor again
  expect((await refused.client.get("/waiting")).headers.get("location")).toBe("/login");

  const rows = await db.select().from(auditLog).where(eq(auditLog.actorId, mod.id));
  expect(rows.map((r) => [r.action, r.targetId, r.reason])).toEqual(
    expect.arrayContaining([
      ["approval.approve", row.id, null],
      ["approval.refuse", refusedRow.id, "Looks like spam"],
    ]),
  );
  // The refused pseudonym is kept nowhere in the audit log.
  expect(JSON.stringify(rows)).not.toContain(refused.pseudonym);
});

test("invite: a code lets one person join; used, revoked and wrong codes are refused and keep the other fields", async () => {
  await writeSetting(db, "registration.mode", "open");
  const { viewer } = await viewerFor(db);
  await db.update(members).set({ role: "admin" }).where(eq(members.id, viewer.id));
  const admin = actorOf(viewer.id, "admin");
  await writeSetting(db, "registration.mode", "invite");
  expect(pageText(await (await new Browserless(hearth.url).get("/join")).text())).toContain("Invitation code");

  const missing = await join();
  expect(missing.res.status).toBe(400);
  expect(pageText(missing.html)).toContain("Type the invitation code you were given.");

  const made = await services.admission.createInvite(admin, "for R.");
  expect(made.code).toMatch(/^[a-z2-7]{4}(-[a-z2-7]{4}){3}$/);
  const [stored] = await db.select().from(invites).where(eq(invites.id, made.id));
  expect(JSON.stringify(stored)).not.toContain(made.code);
  expect(JSON.stringify(stored)).not.toContain(made.code.replaceAll("-", ""));

  const wrong = await join({ invite: "abcd-efgh-ijkl-mnop" });
  expect(wrong.res.status).toBe(400);
  expect(pageText(wrong.html)).toContain("That invitation code does not work.");
  expect(wrong.html).toContain(`value="${wrong.pseudonym}"`);
  expect(wrong.html).toContain('value="abcd-efgh-ijkl-mnop"');
  expect(wrong.html).not.toContain(GOOD_PASSPHRASE);
  expect(await memberNamed(wrong.pseudonym)).toBeUndefined();

  // Typed in capitals with spaces, it still works; the member is active (no approval step).
  const ok = await join({ invite: ` ${made.code.toUpperCase().replaceAll("-", " ")} ` });
  expect(ok.res.status).toBe(200);
  const joined = (await memberNamed(ok.pseudonym))!;
  expect(joined.status).toBe("active");
  const [usedRow] = await db.select().from(invites).where(eq(invites.id, made.id));
  expect(usedRow!.usedBy).toBe(joined.id);

  const again = await join({ invite: made.code });
  expect(again.res.status).toBe(400);
  expect(pageText(again.html)).toContain("That invitation code does not work.");

  const revokedInvite = await services.admission.createInvite(admin, null);
  await services.admission.revokeInvite(admin, revokedInvite.id);
  await expect(services.admission.revokeInvite(admin, revokedInvite.id)).rejects.toMatchObject({ name: "Invalid" });
  const revoked = await join({ invite: revokedInvite.code });
  expect(revoked.res.status).toBe(400);
  expect(await memberNamed(revoked.pseudonym)).toBeUndefined();

  const listed = await services.admission.listInvites(admin);
  expect(listed.find((i) => i.id === made.id)).toMatchObject({ state: "used", label: "for R." });
  expect(listed.find((i) => i.id === revokedInvite.id)).toMatchObject({ state: "revoked" });
  expect(JSON.stringify(listed)).not.toContain(made.code);
  await expect(services.admission.createInvite(actorOf(viewer.id, "moderator"), null)).rejects.toMatchObject({ name: "Forbidden" });
  await expect(services.admission.listInvites(null)).rejects.toMatchObject({ name: "Forbidden" });

  const audits = await db.select().from(auditLog).where(eq(auditLog.actorId, viewer.id));
  expect(audits.map((a) => [a.action, a.targetId])).toEqual(
    expect.arrayContaining([
      ["invite.create", made.id],
      ["invite.create", revokedInvite.id],
      ["invite.revoke", revokedInvite.id],
    ]),
  );
});

test("invite: two joins with one code at the same moment make exactly one member", async () => {
  await writeSetting(db, "registration.mode", "open");
  const { viewer } = await viewerFor(db);
  await db.update(members).set({ role: "admin" }).where(eq(members.id, viewer.id));
  await writeSetting(db, "registration.mode", "invite");
  for (let round = 0; round < 3; round++) {
    const made = await services.admission.createInvite(actorOf(viewer.id, "admin"), null);
    const names = [uniquePseudonym(), uniquePseudonym()];
    const results = await Promise.allSettled(
      names.map((pseudonym) =>
        signUp({ db, throttle: memoryThrottle() }, { pseudonym, password: GOOD_PASSPHRASE, confirmPassword: GOOD_PASSPHRASE, invite: made.code }, "c"),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({ name: "Invalid", fields: { invite: "admission.invite.wrong" } });
    const made2 = await Promise.all(names.map(memberNamed));
    expect(made2.filter(Boolean)).toHaveLength(1);
  }
});

test("the join form shows every field's problem at once", async () => {
  await writeSetting(db, "registration.mode", "invite");
  const client = new Browserless(hearth.url);
  const res = await client.post("/join", { pseudonym: "x", password: "short", confirmPassword: "short", invite: "" });
  expect(res.status).toBe(400);
  const text = pageText(await res.text());
  expect(text).toContain("Type the invitation code you were given.");
  expect(text).toMatch(/at least 8|too short/i);
  expect(text).toMatch(/3 to 32|too short/i);
  await expect(signUp({ db, throttle: memoryThrottle() }, { pseudonym: "x", password: "a", confirmPassword: "b" }, "c")).rejects.toMatchObject({
    fields: { pseudonym: "pseudonym.tooShort", password: "passphrase.tooShort", invite: "admission.invite.required" },
  });
  await writeSetting(db, "registration.mode", "open");
  await expect(signUp({ db, throttle: memoryThrottle() }, { pseudonym: "x", password: GOOD_PASSPHRASE, confirmPassword: "other" }, "c")).rejects.toMatchObject({
    fields: { pseudonym: "pseudonym.tooShort", confirmPassword: "passphrase.mismatch" },
  });
});

test("onProbation: members under probation.posts approved posts; never moderators or admins; 0 turns it off", async () => {
  const fresh = await createTestDatabase({ probation: true });
  const { viewer } = await viewerFor(fresh.db);
  expect(await onProbation(fresh.db, viewer)).toBe(true);
  expect(await onProbation(fresh.db, { id: viewer.id, role: "moderator" })).toBe(false);
  expect(await onProbation(fresh.db, { id: viewer.id, role: "admin" })).toBe(false);
  await fresh.db.update(members).set({ approvedPosts: 2 }).where(eq(members.id, viewer.id));
  expect(await onProbation(fresh.db, viewer)).toBe(true);
  await fresh.db.update(members).set({ approvedPosts: 3 }).where(eq(members.id, viewer.id));
  expect(await onProbation(fresh.db, viewer)).toBe(false);
  await writeSetting(fresh.db, "probation.posts", 5);
  expect(await onProbation(fresh.db, viewer)).toBe(true);
  await writeSetting(fresh.db, "probation.posts", 0);
  expect(await onProbation(fresh.db, viewer)).toBe(false);
});
