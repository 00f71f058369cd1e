// The service-side checks, with answers a person can act on. A member who may not take part
// right now (suspended, posting paused) is told why in words (an Invalid with a message the form
// shows); anything else they may not do is Forbidden (a 403, or a 404 where existence is private).
import { Invalid } from "#server/errors.ts";
import { authorize, can, isSuspended, type Actor, type Permission } from "./policy.ts";

/** For posting, editing, reporting (and chat): a let-in member who is not suspended. Posting
 *  also stops while posting is paused after repeated image attempts. */
export function requireParticipant(actor: Actor, permission: Permission & ("post.create" | "post.editOwn" | "report.create")) {
  if (isSuspended(actor)) throw new Invalid({}, "standing.suspended");
  if (permission !== "report.create" && actor.postingPaused) throw new Invalid({}, "standing.paused");
  authorize(actor, permission);
}

export { authorize, can };
