// A reported chat message in the moderators' queue: chat:report opens a "message:<uuid>" item
// with no forum; /mod shows it to moderators of every forum with its room, author and text (not
// to a moderator of one forum); removing it from there takes it off every open screen and out
// of every history, resolves the item and its reports, and is audited; dismissing leaves it.
import { eq } from "drizzle-orm";
import { expect, test } from "vitest";
import { auditLog, chatMessages, forums, moderatorForums, queueItems, reports } from "#db/schema.ts";
import { translate } from "#app/i18n/catalog.ts";
import { Browserless, pageText } from "#tests/helpers/http-client.ts";
import { chatHearth, chatMember, connected, next, send, type ChatMember } from "./chat-helpers.ts";

const { hearth, db } = await chatHearth();

function browserFor(member: ChatMember) {
  const client = new Browserless(hearth.url);
  client.cookies.set("hearth_session", member.token);
  return client;
}

async function reportedMessage(body: string) {
  const writer = await chatMember(db);
  const reporter = await chatMember(db);
  const writerSocket = await connected(hearth, writer);
  const reporterSocket = await connected(hearth, reporter);
  await reporterSocket.emitWithAck("chat:join", { room: "lounge" });
  const sent = await send(writerSocket, "lounge", body);
  if (!sent.ok) throw new Error(sent.error);
  const report = await reporterSocket.emitWithAck("chat:report", { room: "lounge", id: sent.id, reason: "harassment", note: "Aimed at me." });
  expect(report).toEqual({ ok: true });
  const [row] = await db.select().from(chatMessages).where(eq(chatMessages.body, body));
  return { writer, writerSocket, reporter, reporterSocket, id: sent.id, rowId: row!.id };
}

test("a reported message opens a queue item with no forum, and moderators of every forum see its room, author and text", async () => {
  const r = await reportedMessage("You are pathetic and everyone here knows it.");
  const [item] = await db
    .select()
    .from(queueItems)
    .where(eq(queueItems.targetKey, `message:${r.rowId}`));
  expect(item).toMatchObject({ kind: "report", messageId: r.rowId, forumId: null, memberId: r.writer.id, reportCount: 1, resolvedAt: null });
  // Reported twice by the same member: still one report.
  expect(await r.reporterSocket.emitWithAck("chat:report", { room: "lounge", id: r.id, reason: "spam" })).toEqual({ ok: true });
  expect(await db.select().from(reports).where(eq(reports.messageId, r.rowId))).toHaveLength(1);
  // Nobody reports their own message.
  expect(await r.writerSocket.emitWithAck("chat:report", { room: "lounge", id: r.id, reason: "spam" })).toEqual({
    ok: false,
    error: translate("en", "reports.notYourself"),
  });

  const moderator = await chatMember(db, { role: "moderator" });
  const page = pageText(await (await browserFor(moderator).get("/mod")).text());
  expect(page).toContain("Room: Lounge");
  expect(page).toContain(`Member: ${r.writer.pseudonym}`);
  expect(page).toContain("You are pathetic and everyone here knows it.");
  expect(page).toContain(r.reporter.pseudonym);

  const scoped = await chatMember(db, { role: "moderator" });
  const [forum] = await db.select().from(forums).limit(1);
  await db.insert(moderatorForums).values({ memberId: scoped.id, forumId: forum!.id });
  expect(pageText(await (await browserFor(scoped).get("/mod")).text())).not.toContain("You are pathetic");
});

test("a moderator removes the message from the queue: gone from open screens and histories, item and report resolved, audited", async () => {
  const r = await reportedMessage("Nobody wants you here, leave.");
  const [item] = await db
    .select()
    .from(queueItems)
    .where(eq(queueItems.targetKey, `message:${r.rowId}`));
  const moderator = await chatMember(db, { role: "admin" });
  const client = browserFor(moderator);
  const html = await (await client.get("/mod")).text();
  expect(html).toContain(`name="messageId" value="${r.id}"`);
  const gone = next(r.reporterSocket, "chat:removed", (x) => x.id === r.id);
  const res = await client.post("/mod", { intent: "removeMessage", room: "lounge", messageId: r.id, itemId: item!.id, reasonText: "Harassment" });
  expect(res.status).toBe(303);
  expect(res.headers.get("location")).toBe("/mod?done=removeMessage");
  expect(await gone).toEqual({ room: "lounge", id: r.id });
  const [message] = await db.select().from(chatMessages).where(eq(chatMessages.id, r.rowId));
  expect(message).toMatchObject({ status: "removed", removedAt: expect.any(Date) });
  const [resolved] = await db.select().from(queueItems).where(eq(queueItems.id, item!.id));
  expect(resolved).toMatchObject({ resolvedBy: moderator.id, resolution: "removed" });
  const [report] = await db.select().from(reports).where(eq(reports.messageId, r.rowId));
  expect(report!.resolvedAt).not.toBeNull();
  const [audit] = await db.select().from(auditLog).where(eq(auditLog.targetId, r.rowId));
  expect(audit).toMatchObject({ action: "chat.remove", actorId: moderator.id, reason: "Harassment", targetKind: "message" });
  const joined = await r.reporterSocket.emitWithAck("chat:join", { room: "lounge" });
  expect(joined.ok && joined.messages.map((m) => m.id)).not.toContain(r.id);
  expect(pageText(await (await client.get("/mod")).text())).not.toContain("Nobody wants you here");
});

test("dismissing the report leaves the message where it was and closes the item", async () => {
  const r = await reportedMessage("I think you are wrong about this.");
  const [item] = await db
    .select()
    .from(queueItems)
    .where(eq(queueItems.targetKey, `message:${r.rowId}`));
  const moderator = await chatMember(db, { role: "moderator" });
  const res = await browserFor(moderator).post("/mod", { intent: "dismiss", itemId: item!.id });
  expect(res.status).toBe(303);
  const [resolved] = await db.select().from(queueItems).where(eq(queueItems.id, item!.id));
  expect(resolved).toMatchObject({ resolution: "dismissed" });
  const [message] = await db.select().from(chatMessages).where(eq(chatMessages.id, r.rowId));
  expect(message!.status).toBe("visible");
  const [audit] = await db.select().from(auditLog).where(eq(auditLog.action, "report.dismiss"));
  expect(audit).toMatchObject({ targetKind: "message", targetId: r.rowId });
});
