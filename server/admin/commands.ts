// The admin CLI's commands (`npm run admin -- <command>`): each composes the same services as the
// server and calls them as the operator at the shell, whose actions are audited as such.
import { once } from "node:events";
import { translate } from "#app/i18n/catalog.ts";
import type { Config } from "#server/config.ts";
import { isInvalid, isNotFound } from "#server/errors.ts";
import { memoryThrottle } from "#server/auth/throttle.ts";
import { createNotifyLive } from "#server/realtime/notify-live.ts";
import { createServices, type HearthServices } from "#server/services.ts";
import { isSettingKey, SETTINGS } from "#server/settings/keys.ts";
import { connectForAdmin } from "./connect.ts";
import { readLines } from "./read-secret.ts";

export const usage = `Usage: npm run admin -- <command>
  create-member NAME     make a member; the passphrase is read from stdin, twice
  set-role NAME ROLE [--forums a,b]
                         ROLE is member, moderator or admin; --forums (slugs): a moderator of
                         those forums only (without it, of every forum); audited as the operator
  list-members           one JSON line per member
  forum-visibility SLUG public|members   who may read a forum (members only by default)
  chat-retention ROOM DAYS
                         how long a chat room keeps its messages (1 to 3650 days; 30 by default);
                         older ones are deleted for real within the hour; audited
  invite-create [LABEL]  make a single-use invitation code (printed once; only its hash is kept)
  invite-list            one JSON line per invitation: {"id","label","state","createdAt","usedAt","revokedAt"}
  invite-revoke ID       revoke an open invitation
  get KEY                print a setting as one line of JSON
  set KEY VALUE          VALUE is JSON, checked against the setting's shape (quote a URL: '"https://…"')
  inspect FILE...        the media guard's verdict, one JSON line per file: {"file","verdict","format"}
  render FILE...         the HTML a post with that markdown body would show, one JSON line per file
  removals [DAYS]        images removed per member in the last DAYS (default 30), most first:
                         one JSON line each {"pseudonym","removals"}; repeat attempts stand out
  export-member NAME     everything Hearth holds about a member, as one JSON document on stdout
                         (redirect it to a file), for a request that came by another channel;
                         never their evidence log, which only they can open; audited
  erase-member NAME      erases a member's account for good, as /settings/privacy does (posts become
                         "removed by its author", chat messages, evidence log and the rest go);
                         asks to type the NAME again; audited without the name
Settings: ${Object.keys(SETTINGS).join(", ")}`;

type Command = (args: string[], config: Config) => Promise<number>;

/** The same services the server composes; their Live port reaches a running server's sockets
 *  through PostgreSQL NOTIFY (a role change closes that member's open sockets at once). */
async function withServices<T>(config: Config, run: (services: HearthServices) => Promise<T>) {
  const database = await connectForAdmin(config);
  try {
    return await run(createServices({ db: database.db, throttle: memoryThrottle(), live: createNotifyLive(database.pool) }));
  } finally {
    await database.close();
  }
}

export const commands: Record<string, Command> = {
  // No database: the media guard and the renderer are pure. Loaded only for these commands
  // (jsdom takes a while to load, and member commands should not wait for it).
  inspect: async (files) => (files.length ? (await import("./media-commands.ts")).inspectFiles(files) : fail("inspect needs one or more FILEs.")),
  render: async (files) => (files.length ? (await import("./media-commands.ts")).renderFiles(files) : fail("render needs one or more FILEs.")),
  async "create-member"([name], config) {
    if (!name) return fail("create-member needs a NAME.");
    const [password = "", confirmPassword = ""] = await readLines(2, ["Passphrase: ", "Passphrase again: "]);
    const member = await withServices(config, (services) => services.members.create({ pseudonym: name, password, confirmPassword }));
    console.log(`Created member ${JSON.stringify(member.pseudonym)}. Recovery codes (shown once):`);
    for (const code of member.codes) console.log(`  ${code}`);
    return 0;
  },
  async "set-role"([name, role, ...rest], config) {
    if (!name || !role) return fail("set-role needs a NAME and a ROLE (member, moderator or admin).");
    const forums = forumsOption(rest);
    if (forums === "bad") return fail("set-role takes only --forums SLUG,SLUG after the ROLE.");
    if (forums && role !== "moderator") return fail("--forums is only for the moderator role.");
    try {
      const member = await withServices(config, (services) => services.members.setRole(name, role, { forums }));
      console.log(`${JSON.stringify(member.pseudonym)} is now ${member.role}.`);
      if (member.role === "moderator") console.log(`Moderates: ${member.forums ? member.forums.join(", ") : "every forum"}.`);
      return 0;
    } catch (err) {
      if (isInvalid(err) && err.fields.forums) return failed("No forum has one of those slugs.");
      throw err;
    }
  },
  async "invite-create"(args, config) {
    if (args.length > 1) return fail("invite-create takes at most one LABEL (quote it if it has spaces).");
    const made = await withServices(config, (services) => services.admission.createInvite("operator", args[0] ?? null));
    console.log(`Invitation ${made.id}. Code (shown once, it cannot be shown again):`);
    console.log(`  ${made.code}`);
    return 0;
  },
  async "invite-list"(_args, config) {
    const rows = await withServices(config, (services) => services.admission.listInvites("operator"));
    for (const row of rows)
      console.log(
        JSON.stringify({
          id: row.id,
          label: row.label,
          state: row.state,
          createdAt: row.createdAt.toISOString(),
          usedAt: row.usedAt?.toISOString() ?? null,
          revokedAt: row.revokedAt?.toISOString() ?? null,
        }),
      );
    return 0;
  },
  async "invite-revoke"([id], config) {
    if (!id) return fail("invite-revoke needs an ID (from invite-list).");
    try {
      await withServices(config, (services) => services.admission.revokeInvite("operator", id));
      console.log(`Invitation ${id} is revoked.`);
      return 0;
    } catch (err) {
      if (isNotFound(err)) return failed("No invitation has that ID.");
      if (isInvalid(err)) return failed("That invitation was already used or revoked.");
      throw err;
    }
  },
  async removals([days = "30"], config) {
    const n = Number(days);
    if (!Number.isInteger(n) || n < 1 || n > 3650) return fail("removals takes a number of days from 1 to 3650.");
    const rows = await withServices(config, (services) => services.media.removalCounts(new Date(Date.now() - n * 86_400_000)));
    // A member who has left shows as null: their removals still count, their name is gone.
    for (const row of rows) console.log(JSON.stringify({ pseudonym: row.pseudonym, removals: row.removals }));
    return 0;
  },
  // Written to stdout as it is read, a page of rows at a time (server/privacy/export.ts), waiting
  // whenever the pipe is full: a member with years of posts never sits whole in memory.
  async "export-member"(args, config) {
    if (args.length !== 1 || !args[0]) return fail("export-member needs one NAME (quote it if it has spaces).");
    const name = args[0];
    await withServices(config, async (services) => {
      for await (const chunk of await services.privacy.operatorExport(name)) if (!process.stdout.write(chunk)) await once(process.stdout, "drain");
    });
    return 0;
  },
  async "erase-member"(args, config) {
    if (args.length !== 1 || !args[0]) return fail("erase-member needs one NAME (quote it if it has spaces).");
    const name = args[0];
    const [again = ""] = await readLines(1, ["Type the NAME again to erase it for good: "]);
    if (again !== name) return fail("The names differ; nothing was erased.");
    const erased = await withServices(config, (services) => services.privacy.operatorErase(name));
    console.log(`Erased. The audit log names it ${erased.anonymousId}.`);
    return 0;
  },
  async "list-members"(_args, config) {
    const rows = await withServices(config, (services) => services.members.list());
    for (const row of rows) console.log(JSON.stringify({ ...row, createdAt: row.createdAt.toISOString() }));
    return 0;
  },
  async "forum-visibility"([slug, visibility], config) {
    if (!slug || (visibility !== "public" && visibility !== "members")) return fail("forum-visibility needs a SLUG and public or members.");
    const forum = await withServices(config, (services) => services.forums.setVisibility(slug, visibility));
    console.log(`Forum ${JSON.stringify(forum.slug)} is now ${forum.visibility === "public" ? "public: anyone can read it" : "for members only"}.`);
    return 0;
  },
  async "chat-retention"([slug, days, ...rest], config) {
    const n = Number(days);
    if (!slug || rest.length > 0 || !Number.isInteger(n) || n < 1 || n > 3650)
      return fail("chat-retention needs a ROOM (its slug) and a number of days from 1 to 3650.");
    const room = await withServices(config, (services) => services.chat.setRetention(slug, n));
    if (!room) return failed("No chat room has that slug.");
    console.log(`Chat room ${JSON.stringify(room.slug)} now keeps its messages for ${room.days} ${room.days === 1 ? "day" : "days"}.`);
    return 0;
  },
  async get([key], config) {
    if (!key) return fail("get needs a KEY.");
    if (!isSettingKey(key)) return fail(unknownKey());
    console.log(await withServices(config, (services) => services.settings.getJson(key)));
    return 0;
  },
  async set([key, value, ...rest], config) {
    if (!key || value === undefined || rest.length > 0) return fail("set needs a KEY and one VALUE (JSON, quoted for the shell).");
    if (!isSettingKey(key)) return fail(unknownKey());
    try {
      const stored = await withServices(config, (services) => services.settings.setJson(key, value));
      console.log(`${key} = ${JSON.stringify(stored)}`);
      return 0;
    } catch (err) {
      if (!isInvalid(err)) throw err;
      // Which part of the value is wrong, not only that something is.
      for (const [path, message] of Object.entries(err.fields)) if (message) console.error(`${path}: ${translate("en", message)}`);
      return 1;
    }
  },
};

// Checked before the database is opened: a typo should not wait for PostgreSQL to start.
const unknownKey = () => `${translate("en", "setting.unknownKey")} Settings: ${Object.keys(SETTINGS).join(", ")}`;

function fail(message: string) {
  console.error(message);
  return 2;
}

/** The command ran and failed (exit status 1, docs/architecture.md). */
function failed(message: string) {
  console.error(message);
  return 1;
}

/** `--forums a,b` or `--forums=a,b`: the slugs; undefined without it; "bad" for anything else. */
function forumsOption(rest: string[]): string[] | undefined | "bad" {
  if (rest.length === 0) return undefined;
  const value = rest.length === 1 && rest[0]!.startsWith("--forums=") ? rest[0]!.slice(9) : rest.length === 2 && rest[0] === "--forums" ? rest[1]! : null;
  if (value === null) return "bad";
  const slugs = value
    .split(",")
    .map((slug) => slug.trim())
    .filter(Boolean);
  return slugs.length ? slugs : "bad";
}
