// What the three report routes share on the server: finding the target (404 when the member may
// not see it), saying why a member cannot report it, and filing the report.
import { data, type RouterContextProvider } from "react-router";
import { servicesContext } from "#app/context.ts";
import type { MessageKey } from "#app/i18n/catalog.ts";
import { requireMember } from "#app/lib/auth.server.ts";
import { formFailure, keepValues } from "#app/lib/form-result.server.ts";
import { orNotFound } from "#app/lib/not-found.server.ts";
import { readForm } from "#app/lib/read-form.server.ts";
import { isSuspended } from "#server/authz/policy.ts";
import { isInvalid } from "#server/errors.ts";
import type { ReportRequest } from "#server/moderation/reports.ts";
import type { ReportView } from "./report-form.tsx";

export async function loadReport(context: Readonly<RouterContextProvider>, request: ReportRequest): Promise<ReportView> {
  const visitor = requireMember(context);
  const services = context.get(servicesContext);
  try {
    const found = await orNotFound(() => services.moderation.reportable(visitor.member, request));
    const refused: MessageKey | null = isSuspended(visitor.member) ? "standing.suspended" : null;
    return { kind: found.kind, label: found.label, back: backTo(found), refused };
  } catch (err) {
    if (!isInvalid(err) || !err.formError) throw err;
    const kind = "post" in request ? "post" : "thread" in request ? "thread" : "member";
    return { kind, label: "", back: "/forums", refused: err.formError };
  }
}

function backTo(found: { kind: string; threadId: string | null }) {
  return found.threadId ? `/t/${found.threadId}` : "/forums";
}

export async function fileReport(context: Readonly<RouterContextProvider>, request: Request, target: ReportRequest) {
  const visitor = requireMember(context);
  const form = await readForm(request);
  try {
    await orNotFound(() => context.get(servicesContext).moderation.report(visitor.member, target, form));
    return data({ ok: true as const });
  } catch (err) {
    return formFailure(err, keepValues(form, ["note", "reason"]));
  }
}
