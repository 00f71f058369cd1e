// `npm run admin -- <command>` (docs/architecture.md, Public contracts).
import { ConfigError, loadConfig } from "#server/config.ts";
import { translate } from "#app/i18n/catalog.ts";
import { isInvalid, isNotFound } from "#server/errors.ts";
import { commands, usage } from "./commands.ts";

async function main(argv: string[]) {
  const [name, ...args] = argv;
  const command = name ? commands[name] : undefined;
  if (!command) {
    console.error(usage);
    return 2;
  }
  const config = loadConfig();
  return command(args, config);
}

// The reader of stdout went away (`export-member NAME | head`): stop quietly, as a command that
// writes to a closed pipe does (128 + SIGPIPE), rather than report a failure of our own.
const closedPipe = (err: unknown) => (err as NodeJS.ErrnoException | null)?.code === "EPIPE";
process.stdout.on("error", (err) => {
  if (closedPipe(err)) process.exit(141);
  throw err;
});

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (closedPipe(err)) process.exit(141);
    if (err instanceof ConfigError) console.error(err.message);
    else if (isInvalid(err)) {
      const messages = [err.formError, ...Object.values(err.fields)].filter((m) => m !== undefined);
      console.error(messages.map((key) => translate("en", key)).join("\n"));
    } else if (isNotFound(err)) console.error(process.argv[2] === "forum-visibility" ? "No forum has that slug." : "No member has that pseudonym.");
    else console.error(`The command failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
