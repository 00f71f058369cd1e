// /t/:threadId/report: report a whole thread to the moderators.
import type { Route } from "./+types/report-thread";
import type { FormState } from "#app/components/form-parts.tsx";
import { uuidParam } from "#app/lib/not-found.server.ts";
import { forwardHeaders } from "#app/lib/route-headers.ts";
import { ReportPage } from "./report-form.tsx";
import { fileReport, loadReport } from "./report-load.server.ts";

export async function loader({ context, params }: Route.LoaderArgs) {
  return loadReport(context, { thread: uuidParam(params.threadId) });
}

export async function action({ context, params, request }: Route.ActionArgs) {
  return fileReport(context, request, { thread: uuidParam(params.threadId) });
}

export const headers = forwardHeaders;

export default function ReportThread({ loaderData, actionData }: Route.ComponentProps) {
  return <ReportPage view={loaderData} actionData={actionData as FormState | { ok: true } | undefined} />;
}
