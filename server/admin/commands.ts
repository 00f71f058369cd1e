import { translate } from "#app/i18n/catalog.ts";
import type { Config } from "#server/config.ts";
import { isInvalid } from "#server/errors.ts";
import { memoryThrottle } from "#server/auth/throttle.ts";
import { createNotifyLive } from "#server/realtime/notify-live.ts";
import { createServices, type HearthServices } from "#server/services.ts";
import { isSettingKey, SETTINGS } from "#server/settings/keys.ts";
import { connectForAdmin } from "./connect.ts";
import { readLines } from "./read-secret.ts";

export const usage = `Usage: npm run admin -- <command>
  create-member NAME     make a member; the passphrase is read from stdin, twice
  set-role NAME ROLE     ROLE is member, moderator or admin
  list-members           one JSON line per member
  forum-visibility SLUG public|members   who may read a forum (members only by default)
  get KEY                print a setting as one line of JSON
  set KEY VALUE          VALUE is JSON, checked against the setting's shape (quote a URL: '"https://…"')
  inspect FILE...        the media guard's verdict, one JSON line per file: {"file","verdict","format"}
  render FILE...         the HTML a post with that markdown body would show, one JSON line per file
  removals [DAYS]        images removed per member in the last DAYS (default 30), most first:
                         one JSON line each {"pseudonym","removals"}; repeat attempts stand out
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
  async "set-role"([name, role], config) {
    if (!name || !role) return fail("set-role needs a NAME and a ROLE (member, moderator or admin).");
    const member = await withServices(config, (services) => services.members.setRole(name, role));
    console.log(`${JSON.stringify(member.pseudonym)} is now ${member.role}.`);
    return 0;
  },
  async removals([days = "30"], config) {
    const n = Number(days);
    if (!Number.isInteger(n) || n < 1 || n > 3650) return fail("removals takes a number of days from 1 to 3650.");
    const rows = await withServices(config, (services) => services.media.removalCounts(new Date(Date.now() - n * 86_400_000)));
    // A member who has left shows as null: their removals still count, their name is gone.
    for (const row of rows) console.log(JSON.stringify({ pseudonym: row.pseudonym, removals: row.removals }));
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
