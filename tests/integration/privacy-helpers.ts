// What the privacy tests share: a member with at least one row through every member relation of
// server/privacy/member-data.ts, made through the real services as the pages and the CLI make
// them (joining with an invitation, posting with a text file, a mention, reading, chatting,
// reporting, blocking, being reported, moderated, muted, noted and appealing, an evidence entry,
// then as an admin and a moderator: inviting, noting, muting, removing and deciding an appeal),
// with distinctive strings to look for in the exports; and the rows of each relation.
import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { Database } from "#db/client.ts";
import { posts } from "#db/schema.ts";
import { memoryThrottle, DEFAULT_LIMITS } from "#server/auth/throttle.ts";
import type { EvidenceWho } from "#server/evidence/services.ts";
import { createNotifyLive } from "#server/realtime/notify-live.ts";
import { createServices } from "#server/services.ts";
import { writeSetting } from "#server/settings/store.ts";
import { memberRelations, type MemberColumn, type Through } from "#server/privacy/member-data.ts";
import { GOOD_PASSPHRASE, makeMember, uniquePseudonym } from "#tests/helpers/members.ts";
import { entryForm } from "./evidence-helpers.ts";
import { actorOf } from "./moderation-helpers.ts";

/** Hostile text the HTML export must show as text, never as markup. */
export const HOSTILE = {
  script: `<script>alert("hearth")</script>`,
  image: `<img src=x onerror=alert(1)>`,
  markup: `"><b onmouseover=alert(2)>bold</b>`,
};

/** Strings only the member's evidence entry holds (the operator's export must hold none). */
export const EVIDENCE_STRINGS = {
  place: "Lantern Alley 灯笼巷 group",
  description: "Photos from the night market, posted with my school's name. 夜市的照片。",
  postedBy: "@market_owl_77",
  caseNumber: "TG-EXPORT-4471",
};

/** Strings in rows about the member that their export must not hold. */
export const WITHHELD_STRINGS = {
  note: "Moderators' note: keep an eye on reports naming this member (NOTE-7f3a).",
  reportAbout: "Reported because of a message they sent me (REPORT-ABOUT-91c2).",
  othersAppeal: "My post was fine, please look again (OTHERS-APPEAL-55e0).",
};

export function privacyWorld(database: Database) {
  const db = database.db;
  const throttle = memoryThrottle({ ...DEFAULT_LIMITS, postsPerMinute: 10_000, signUps: 10_000 });
  return { db, services: createServices({ db, throttle, live: createNotifyLive(database.pool) }) };
}

export async function memberEverywhere(database: Database) {
  const { db, services } = privacyWorld(database);
  const actor = (id: string) => actorOf(db, id);
  const clientKey = "privacy-test";

  // Joining with an invitation the operator made.
  await writeSetting(db, "registration.mode", "invite");
  const invite = await services.admission.createInvite("operator", "For the privacy test");
  const pseudonym = uniquePseudonym("Exporter");
  const joined = await services.auth.signUp({ pseudonym, password: GOOD_PASSPHRASE, confirmPassword: GOOD_PASSPHRASE, invite: invite.code }, clientKey);
  await writeSetting(db, "registration.mode", "open");
  const id = joined.memberId;
  const admin = await makeMember(db, { pseudonym: uniquePseudonym("Keeper") });
  await services.members.setRole(admin.pseudonym, "admin");
  const writer = await makeMember(db, { pseudonym: uniquePseudonym("Writer") });
  const blocker = await makeMember(db, { pseudonym: uniquePseudonym("Quiet") });

  // Content: a thread with a text file and hostile text, a reply mentioning the writer, an image
  // removed from a post, a chat message; reading a thread; a mention of the member.
  const thread = await services.forums.createThread(
    await actor(id),
    "support",
    {
      title: `Export ${HOSTILE.markup}`,
      body: `Hello ${HOSTILE.script} ${HOSTILE.markup}\n\nSee [my notes](https://example.org/notes?a=1&b=2), @${writer.pseudonym}.`,
      contentWarning: "",
      idempotencyKey: randomUUID(),
    },
    { name: "notes.md", bytes: new TextEncoder().encode(`# Notes\n\n${HOSTILE.script}\n`) },
  );
  const writersThread = await services.forums.createThread(await actor(writer.memberId), "support", {
    title: "The writer's thread",
    body: `Welcome, @${pseudonym}.`,
    contentWarning: "",
    idempotencyKey: randomUUID(),
  });
  const reply = await services.forums.reply(await actor(id), writersThread.threadId, { body: "Thank you.", idempotencyKey: randomUUID() });
  await services.forums.reply(await actor(id), thread.threadId, {
    body: "A picture: ![x](data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==) and words.",
    idempotencyKey: randomUUID(),
  });
  await services.forums.threadPage(await actor(id), writersThread.threadId, 1);
  await services.chat.send(await actor(id), "lounge", { clientId: randomUUID(), body: `In the lounge ${HOSTILE.script}` });

  // Reports, both ways; blocks, both ways.
  await services.moderation.report(
    await actor(id),
    { post: writersThread.postId },
    { reason: "harassment", note: `Hostile: ${HOSTILE.image} ${HOSTILE.script}` },
  );
  await services.moderation.report(await actor(writer.memberId), { member: pseudonym }, { reason: "harassment", note: WITHHELD_STRINGS.reportAbout });
  await services.moderation.report(await actor(writer.memberId), { post: reply.postId }, { reason: "spam", note: "" });
  await services.blocks.block(await actor(id), writer.pseudonym);
  await services.blocks.block(await actor(blocker.memberId), pseudonym);

  // Moderated: a removal (appealed), a warning, a mute, a note.
  await services.moderation.remove(await actor(admin.memberId), { post: reply.postId }, "Off topic");
  await services.moderation.warn(await actor(admin.memberId), id, "Please be kind");
  await services.chat.mute(await actor(admin.memberId), "lounge", pseudonym, 10, "Cooling off");
  await services.moderation.addNote(await actor(admin.memberId), id, { note: WITHHELD_STRINGS.note });
  const removal = await db.execute<{ id: string }>(sql`select id from moderation_events where member_id = ${id} and kind = 'removal'`);
  await services.appeals.appeal(await actor(id), removal.rows[0]!.id, { note: "I was only saying thanks." });

  // The evidence log, from the member's first session (joining sealed it for that session).
  const whoNow = async (): Promise<EvidenceWho> => ({ actor: await actor(id), token: joined.token });
  await services.evidence.add(
    await whoNow(),
    entryForm({
      place: EVIDENCE_STRINGS.place,
      description: EVIDENCE_STRINGS.description,
      postedBy: EVIDENCE_STRINGS.postedBy,
      report0Case: EVIDENCE_STRINGS.caseNumber,
    }),
  );

  // As an admin: an invitation, a note, a mute, a removal of the writer's post and the decision on
  // the writer's appeal of it. Then a moderator of one forum.
  await services.members.setRole(pseudonym, "admin");
  await services.admission.createInvite(await actor(id), "For a friend");
  await services.moderation.addNote(await actor(id), writer.memberId, { note: "Asked for help twice." });
  await services.chat.mute(await actor(id), "lounge", writer.pseudonym, 5, null);
  await services.moderation.remove(await actor(id), { post: writersThread.postId }, "Removed on review");
  const writersRemoval = await db.execute<{ id: string }>(sql`select id from moderation_events where member_id = ${writer.memberId} and kind = 'removal'`);
  const writersAppeal = await services.appeals.appeal(await actor(writer.memberId), writersRemoval.rows[0]!.id, { note: WITHHELD_STRINGS.othersAppeal });
  await services.appeals.decide(await actor(id), writersAppeal.appealId, "upheld", "It stays removed.");
  await services.members.setRole(pseudonym, "moderator", { forums: ["support"] });

  // Others' records that name the member or their writing, for erasure to clear: the removal of
  // the writer's reply in the member's thread (the writer's history copies the thread's title),
  // and moderators' free text naming the member, in any case (a reason, a note about the writer).
  const writersReply = await services.forums.reply(await actor(writer.memberId), thread.threadId, {
    body: "A reply in the member's thread.",
    idempotencyKey: randomUUID(),
  });
  await services.moderation.remove(await actor(admin.memberId), { post: writersReply.postId }, `Removed after ${pseudonym.toLowerCase()} asked`);
  await services.moderation.warn(await actor(admin.memberId), id, `Warned ${pseudonym} for sharing a screenshot`);
  await services.moderation.addNote(await actor(admin.memberId), writer.memberId, { note: `Argued with ${pseudonym.toUpperCase()} about a reply.` });

  const [post] = await db.select({ id: posts.id }).from(posts).where(eq(posts.id, thread.postId));
  return { id, pseudonym, token: joined.token, whoNow, admin, writer, blocker, firstPostId: post!.id, replyId: reply.postId, services };
}

/** The member's rows through one relation, whole (every column as JSON text values). */
export async function relationRows(database: Database, table: string, column: string, relation: MemberColumn | Through, memberId: string) {
  const when = Object.entries(relation.when ?? {}).map(([c, v]) => sql` and t.${sql.identifier(c)}::text = ${v}`);
  // A target key ("member:<uuid>") holds the id after its kind; every other column is the id.
  const query =
    "parent" in relation
      ? sql`select to_jsonb(t) as row from ${sql.identifier(table)} t join ${sql.identifier(relation.parent)} p on p.id = t.${sql.identifier(relation.column)}
             where p.${sql.identifier(relation.parentColumn)}::text = ${memberId}${sql.join(when)}`
      : sql`select to_jsonb(t) as row from ${sql.identifier(table)} t
             where (t.${sql.identifier(column)}::text = ${memberId} or t.${sql.identifier(column)}::text = ${`member:${memberId}`})${sql.join(when)}`;
  const result = await database.db.execute<{ row: Record<string, unknown> }>(query);
  return result.rows.map((r) => r.row);
}

export { memberRelations };

export async function collect(chunks: AsyncIterable<string>) {
  let text = "";
  for await (const chunk of chunks) text += chunk;
  return text;
}

export type Doc = Record<string, unknown>;

/** The items at a section path of a parsed export: `posts`, `posts.attachments`, `profile`. */
export function itemsAt(doc: Doc, path: string): Doc[] {
  const [root, nested] = path.split(".") as [string, string | undefined];
  const value = doc[root];
  const top = Array.isArray(value) ? (value as Doc[]) : value ? [value as Doc] : [];
  return nested ? top.flatMap((item) => (Array.isArray(item[nested]) ? (item[nested] as Doc[]) : [])) : top;
}
