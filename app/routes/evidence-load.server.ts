// What every page of the evidence log (/settings/evidence and below) does the same way on the
// server: who is asking, as the evidence services take them (the member and this session's
// token, which opens the sealed log); a log locked in this session sends the member to
// /settings/evidence to open it; an entry that is not theirs is the 404 page, like one that does
// not exist (never a hint that it does); and the notices a redirect asks for (Post/Redirect/Get).
import { redirect, type RouterContextProvider } from "react-router";
import { servicesContext } from "#app/context.ts";
import type { MessageKey } from "#app/i18n/catalog.ts";
import { requireMember } from "#app/lib/auth.server.ts";
import { httpError } from "#app/lib/http-error.server.ts";
import { isForbidden, isInvalid, isNotFound } from "#server/errors.ts";

export const LOG_PATH = "/settings/evidence";

export function evidenceVisitor(context: Readonly<RouterContextProvider>) {
  const visitor = requireMember(context);
  const who = { actor: visitor.member, token: visitor.sessionToken() };
  return { visitor, who, evidence: context.get(servicesContext).evidence };
}

export function isLocked(err: unknown) {
  return isInvalid(err) && err.formError === "evidence.error.locked";
}

/** A service call from a page below the log: locked → the log's page; not the member's → 404. */
export async function inOpenLog<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (isLocked(err)) throw redirect(LOG_PATH);
    if (isNotFound(err) || isForbidden(err)) throw httpError(404);
    throw err;
  }
}

const DONE = {
  added: "evidence.ui.added",
  saved: "evidence.ui.saved",
  deleted: "evidence.ui.deleted",
  started: "evidence.ui.started",
  opened: "evidence.ui.opened",
  startedOver: "evidence.ui.startedOver",
} as const satisfies Record<string, MessageKey>;
export type Done = keyof typeof DONE;

/** Where a successful form sends the member, saying what happened (and that an image went). */
export function afterSuccess(path: string, done: Done, imageRemoved = false) {
  return `${path}?done=${done}${imageRemoved ? "&image=removed" : ""}`;
}

/** The notices the address asks for (only these known ones: nothing typed is ever shown). */
export function doneNotices(request: Request): { done: MessageKey | null; imageRemoved: boolean } {
  const params = new URL(request.url).searchParams;
  const done = params.get("done");
  return {
    done: done && Object.hasOwn(DONE, done) ? DONE[done as Done] : null,
    imageRemoved: params.get("image") === "removed",
  };
}
