import type { Config } from "#server/config.ts";
import { createMember, listMembers, setRole } from "#server/members/admin.ts";
import { connectForAdmin } from "./connect.ts";
import { readLines } from "./read-secret.ts";

export const usage = `Usage: npm run admin -- <command>
  create-member NAME     make a member; the passphrase is read from stdin, twice
  set-role NAME ROLE     ROLE is member, moderator or admin
  list-members           one JSON line per member`;

type Command = (args: string[], config: Config) => Promise<number>;

async function withDb<T>(config: Config, run: (db: Awaited<ReturnType<typeof connectForAdmin>>["db"]) => Promise<T>) {
  const database = await connectForAdmin(config);
  try {
    return await run(database.db);
  } finally {
    await database.close();
  }
}

export const commands: Record<string, Command> = {
  async "create-member"([name], config) {
    if (!name) return fail("create-member needs a NAME.");
    const [password = "", confirmPassword = ""] = await readLines(2, ["Passphrase: ", "Passphrase again: "]);
    const member = await withDb(config, (db) => createMember(db, { pseudonym: name, password, confirmPassword }));
    console.log(`Created member ${JSON.stringify(member.pseudonym)}. Recovery codes (shown once):`);
    for (const code of member.codes) console.log(`  ${code}`);
    return 0;
  },
  async "set-role"([name, role], config) {
    if (!name || !role) return fail("set-role needs a NAME and a ROLE (member, moderator or admin).");
    const member = await withDb(config, (db) => setRole(db, name, role));
    console.log(`${JSON.stringify(member.pseudonym)} is now ${member.role}.`);
    return 0;
  },
  async "list-members"(_args, config) {
    const rows = await withDb(config, (db) => listMembers(db));
    for (const row of rows) console.log(JSON.stringify({ ...row, createdAt: row.createdAt.toISOString() }));
    return 0;
  },
};

function fail(message: string) {
  console.error(message);
  return 2;
}
