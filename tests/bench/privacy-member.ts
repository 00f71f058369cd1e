// The member the privacy benchmarks work on (issue 12: "a member with 10,000 posts and 10,000
// chat messages"): shared by privacy-export.ts and privacy-erase.ts, so both measure the same
// member. Their account comes from the real sign-up (the caller's), their 100 evidence entries
// through the evidence service (so the log is sealed with their session as a member's is), then
// threads, posts of realistic length (rendered once by the real renderer, as posting stores
// them) and chat messages inserted in bulk by SQL, which is what makes 10,000 of each quick.
import { sql } from "drizzle-orm";
import type { Db } from "#db/client.ts";
import type { Actor } from "#server/authz/policy.ts";
import { renderMarkdown, SANITIZER_VERSION } from "#server/media/render-markdown.ts";
import type { HearthServices } from "#server/services.ts";

export const PASSPHRASE = "a bench passphrase here";
export const THREADS = 100;

// Posts as members write them: a few sentences to a few paragraphs, some with a list, a link or
// emphasis; every other one in Chinese.
const ENGLISH = [
  "I wanted to say thank you for the replies last week. It helped more than I expected to read that others went through the same thing.",
  "Some days are better. Today I managed to **report two more copies**, and one was taken down within hours.",
  "Things that helped me:\n\n- writing down every link before reporting it\n- asking a friend to sit with me\n- taking breaks",
  "The guide at https://example.org/takedown-guide explains the steps for each platform. It is long, but worth it.",
];
const CHINESE = [
  "谢谢大家上周的回复。看到别人也经历过同样的事，比我想象的更有帮助。",
  "有些日子会好一点。今天我又**举报了两个副本**，其中一个几个小时内就被删除了。",
  "对我有帮助的事：\n\n- 举报之前先把每个链接记下来\n- 请朋友陪着我\n- 适当休息",
];
const BODIES = Array.from({ length: 24 }, (_, i) => {
  const pool = i % 2 ? CHINESE : ENGLISH;
  return Array.from({ length: 1 + (i % 4) }, (_, n) => pool[(i + n) % pool.length]!).join("\n\n");
});
const RENDERED = BODIES.map((body) => renderMarkdown(body));

/** A member signed in: their actor and session token (the services' `who`). */
export interface SignedIn {
  actor: Actor;
  token: string;
}

/** A member who has just joined, as their session acts. */
export function newMember(joined: { memberId: string; token: string }): SignedIn {
  return {
    actor: { id: joined.memberId, role: "member", status: "active", suspendedUntil: null, postingPaused: false, moderatedForums: null },
    token: joined.token,
  };
}

/**
 * Gives the member 100 evidence entries, `THREADS` threads in `support` holding `posts` posts of
 * theirs, and `messages` chat messages in `lounge` (numbered after the room's last message, so a
 * second member can be seeded into the same room), then vacuums and analyses.
 */
export async function seedMember(db: Db, services: HearthServices, who: SignedIn, opts: { posts: number; messages: number }) {
  const memberId = who.actor.id;
  for (let i = 0; i < 100; i++)
    await services.evidence.add(who, {
      platform: "telegram",
      place: `Night Owls ${i}`,
      links: `https://t.me/nightowls/${i}\nhttps://t.me/nightowls/${i + 1000}`,
      description: "Two photos from 2023, with my first name in the caption. ".repeat(1 + (i % 4)),
      postedBy: `@owl_admin_${i}`,
      status: "reported",
      timeZone: "UTC",
    });
  await db.execute(sql`
    insert into threads (forum_id, author_id, title, post_count, created_at)
    select (select id from forums where slug = 'support'), ${memberId}, 'Bench thread ' || g, ${opts.posts / THREADS}, now() - make_interval(days => g)
    from generate_series(1, ${THREADS}) g`);
  await db.execute(sql`
    insert into posts (thread_id, author_id, body_source, body_html, sanitizer_version, idempotency_key, created_at)
    select t.id, ${memberId}, ${JSON.stringify(BODIES)}::jsonb ->> (g % ${BODIES.length}), ${JSON.stringify(RENDERED)}::jsonb ->> (g % ${RENDERED.length}), ${SANITIZER_VERSION},
      'bench-' || g, now() - make_interval(secs => g * 60)
    from generate_series(1, ${opts.posts}) g
    join lateral (select id from threads where author_id = ${memberId} order by created_at offset (g % ${THREADS}) limit 1) t on true`);
  await db.execute(sql`
    insert into chat_messages (room_id, seq, author_id, body, client_id, created_at)
    select r.id, r.last_seq + g, ${memberId},
      case when g % 2 = 0 then 'Good morning, everyone. How is today going?' else '大家早上好，今天过得怎么样？' end || ' ' || g,
      'bench-' || g, now() - make_interval(secs => g * 30)
    from generate_series(1, ${opts.messages}) g, (select id, last_seq from chat_rooms where slug = 'lounge') r`);
  await db.execute(sql`update chat_rooms set last_seq = last_seq + ${opts.messages} where slug = 'lounge'`);
  await db.execute(sql`vacuum analyze`);
}

/** What the database holds of the member: their posts, chat messages and evidence entries. */
export async function memberCounts(db: Db, memberId: string) {
  const [counts] = (
    await db.execute<{ posts: number; messages: number; entries: number }>(sql`
      select (select count(*) from posts where author_id = ${memberId})::int as posts,
        (select count(*) from chat_messages where author_id = ${memberId})::int as messages,
        (select count(*) from evidence_entries where member_id = ${memberId})::int as entries`)
  ).rows;
  return counts!;
}
