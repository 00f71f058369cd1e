// POST /mod/approvals/:memberId: a moderator of every forum (or an admin) lets a member who is
// waiting for approval in, or declines them (their account is deleted). The forms are on /mod;
// this route only acts, then goes back to the queue with a notice. A GET goes to the queue.
import { redirect } from "react-router";
import type { Route } from "./+types/mod-approval";
import { servicesContext } from "#app/context.ts";
import { requireMember } from "#app/lib/auth.server.ts";
import { formFailure } from "#app/lib/form-result.server.ts";
import { httpError } from "#app/lib/http-error.server.ts";
import { uuidParam } from "#app/lib/not-found.server.ts";
import { readForm } from "#app/lib/read-form.server.ts";
import { isForbidden, isNotFound } from "#server/errors.ts";

export function loader() {
  return redirect("/mod");
}

export async function action({ context, params, request }: Route.ActionArgs) {
  const visitor = requireMember(context);
  const memberId = uuidParam(params.memberId);
  const form = await readForm(request);
  const decision = form.get("decision") === "approve" ? "approve" : form.get("decision") === "decline" ? "refuse" : null;
  if (!decision) throw httpError(400);
  try {
    await context.get(servicesContext).admission.decideApproval(visitor.member, memberId, decision);
    return redirect(`/mod?done=${decision === "approve" ? "letIn" : "decline"}`, 303);
  } catch (err) {
    if (isForbidden(err)) throw httpError(403);
    if (isNotFound(err)) throw httpError(404);
    return formFailure(err, {});
  }
}
