// Turns a service's typed error into a form answer: 400 with field messages, 429 with a wait,
// and the member's input kept (never a passphrase). Anything else goes to the error boundary.
import { data } from "react-router";
import { httpError } from "#app/lib/http-error.server.ts";
import type { MessageKey } from "#app/i18n/catalog.ts";
import { isDatabaseDown, isInvalid, isTooManyAttempts } from "#server/errors.ts";

export interface FormFailure {
  ok: false;
  fieldErrors: Partial<Record<string, MessageKey>>;
  formError?: MessageKey;
  formErrorParams?: Record<string, number>;
  values: Record<string, string>;
}

export function formFailure(err: unknown, values: Record<string, string> = {}) {
  // Redirects and 404s thrown on purpose (React Router's `redirect`, `data(null, {status})`) pass.
  if (err instanceof Response || (err as { type?: string } | null)?.type === "DataWithResponseInit") throw err;
  if (isInvalid(err)) {
    const params = numbersOf(err.params);
    return data<FormFailure>(
      { ok: false, fieldErrors: err.fields, formError: err.formError, ...(params ? { formErrorParams: params } : {}), values },
      { status: 400 },
    );
  }
  if (isTooManyAttempts(err)) {
    return data<FormFailure>(
      { ok: false, fieldErrors: {}, formError: "throttle.wait", formErrorParams: { minutes: Math.max(1, Math.ceil(err.retryAfterSeconds / 60)) }, values },
      { status: 429, headers: { "Retry-After": String(err.retryAfterSeconds) } },
    );
  }
  if (isDatabaseDown(err)) throw httpError(503, { "Retry-After": "30" });
  throw err;
}

/** The message's numbers ("{max} links at most"), for the page to fill in. */
function numbersOf(params: Record<string, string | number> | undefined): Record<string, number> | undefined {
  if (!params) return undefined;
  const numbers = Object.entries(params).filter((e): e is [string, number] => typeof e[1] === "number");
  return numbers.length ? Object.fromEntries(numbers) : undefined;
}

/** Text fields to show again after a failure; passphrase fields are never echoed. */
export function keepValues(form: FormData, names: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of names) {
    const value = form.get(name);
    if (typeof value === "string") out[name] = value.slice(0, 200);
  }
  return out;
}
