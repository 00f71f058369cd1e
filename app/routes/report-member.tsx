// /members/:pseudonym/report: report a member to the moderators (their name, their messages, how they behave).
import type { Route } from "./+types/report-member";
import type { FormState } from "#app/components/form-parts.tsx";
import { forwardHeaders } from "#app/lib/route-headers.ts";
import { ReportPage } from "./report-form.tsx";
import { fileReport, loadReport } from "./report-load.server.ts";

export async function loader({ context, params }: Route.LoaderArgs) {
  return loadReport(context, { member: params.pseudonym ?? "" });
}

export async function action({ context, params, request }: Route.ActionArgs) {
  return fileReport(context, request, { member: params.pseudonym ?? "" });
}

export const headers = forwardHeaders;

export default function ReportMember({ loaderData, actionData }: Route.ComponentProps) {
  return <ReportPage view={loaderData} actionData={actionData as FormState | { ok: true } | undefined} />;
}
