// Typed errors thrown by services. Messages are i18n keys, never text: routes and socket
// handlers translate them, so no stack trace or internal detail reaches a person.
import type { MessageKey } from "#app/i18n/catalog.ts";

export type FieldErrors = Partial<Record<string, MessageKey>>;

// Recognised by `name`, not instanceof: the React Router build and the server bundle each carry
// their own copy of this module.
export class Invalid extends Error {
  override name = "Invalid" as const;
  constructor(
    readonly fields: FieldErrors,
    readonly formError?: MessageKey,
    /** Values the message fills in ("wait {seconds} s"): numbers and times, never member text. */
    readonly params?: Record<string, string | number>,
  ) {
    super("invalid input");
  }
}

export class NotFound extends Error {
  constructor() {
    super("not found");
    this.name = "NotFound";
  }
}

export class Forbidden extends Error {
  constructor() {
    super("forbidden");
    this.name = "Forbidden";
  }
}

export class TooManyAttempts extends Error {
  override name = "TooManyAttempts" as const;
  constructor(readonly retryAfterSeconds: number) {
    super("too many attempts");
  }
}

export function isInvalid(err: unknown): err is Invalid {
  return err instanceof Error && err.name === "Invalid";
}

export function isTooManyAttempts(err: unknown): err is TooManyAttempts {
  return err instanceof Error && err.name === "TooManyAttempts";
}

export function isNotFound(err: unknown): err is NotFound {
  return err instanceof Error && err.name === "NotFound";
}

export function isForbidden(err: unknown): err is Forbidden {
  return err instanceof Error && err.name === "Forbidden";
}

// PostgreSQL unreachable or shutting down (connection refused, socket gone, admin shutdown,
// connection failure classes): answered with a generic 503, never fail-open.
const DOWN_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "57P01", "57P02", "57P03", "08000", "08001", "08003", "08006"]);

export function isDatabaseDown(err: unknown): boolean {
  // drizzle wraps driver errors (DrizzleQueryError), so follow the cause chain.
  for (
    let e = err as { code?: string; syscall?: string; message?: string; cause?: unknown } | null, depth = 0;
    e && depth < 5;
    e = e.cause as typeof e, depth++
  ) {
    if ((e.code && DOWN_CODES.has(e.code)) || /Connection terminated|connect ECONNREFUSED/.test(e.message ?? "")) return true;
    // The embedded server's Unix socket is gone. Only a failed connect: a missing file elsewhere
    // (a static asset, say) is a 404, not an outage.
    if (e.code === "ENOENT" && e.syscall === "connect") return true;
  }
  return false;
}
