// Turns a failed initdb, pg_ctl or postgres into one line that says why. execFile's error can
// carry an empty stderr (a binary that could not be executed at all, a signal, a message on
// stdout), so the exit code, the signal, errno and both outputs are all considered: the reason
// is never empty.

/** What execFile rejects with, and what a spawned child tells us when it fails. */
export interface ChildFailure {
  code?: number | string | null;
  signal?: NodeJS.Signals | string | null;
  errno?: number;
  syscall?: string;
  path?: string;
  stdout?: string | Buffer;
  stderr?: string | Buffer;
  message?: string;
}

const MAX_OUTPUT = 400;

/** Collapses output to one line; PostgreSQL's FATAL/PANIC/ERROR lines first, when there are some. */
export function outputLine(text: string | Buffer | undefined): string {
  const lines = String(text ?? "")
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  const important = lines.filter((line) => /\b(FATAL|PANIC|ERROR)\b|error|cannot|could not|failed/i.test(line));
  const chosen = (important.length > 0 ? important : lines).slice(-3).join(" / ");
  return chosen.length > MAX_OUTPUT ? `…${chosen.slice(-MAX_OUTPUT)}` : chosen;
}

/** "exit code 1", "killed by SIGKILL", "could not run /x/initdb (EACCES)". */
export function howItEnded(failure: ChildFailure, program: string): string {
  if (typeof failure.code === "string") return `could not run ${failure.path ?? program} (${failure.code})`;
  if (failure.signal) return `killed by ${failure.signal}`;
  if (typeof failure.code === "number") return `exit code ${failure.code}`;
  return failure.message?.trim() || "it stopped without an exit code";
}

/** `${what}: ${how it ended}: ${what the program said}` on one line. */
export function failureLine(what: string, program: string, failure: ChildFailure): string {
  const said = outputLine(failure.stderr) || outputLine(failure.stdout);
  const how = howItEnded(failure, program);
  return `${what}: ${how}${said ? `: ${said}` : typeof failure.code === "string" ? "" : " (no output)"}`;
}
