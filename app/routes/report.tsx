// /p/:postId/report: report a post to the moderators.
import type { Route } from "./+types/report";
import type { FormState } from "#app/components/form-parts.tsx";
import { uuidParam } from "#app/lib/not-found.server.ts";
import { forwardHeaders } from "#app/lib/route-headers.ts";
import { ReportPage } from "./report-form.tsx";
import { fileReport, loadReport } from "./report-load.server.ts";

export async function loader({ context, params }: Route.LoaderArgs) {
  return loadReport(context, { post: uuidParam(params.postId) });
}

export async function action({ context, params, request }: Route.ActionArgs) {
  return fileReport(context, request, { post: uuidParam(params.postId) });
}

export const headers = forwardHeaders;

export default function Report({ loaderData, actionData }: Route.ComponentProps) {
  return <ReportPage view={loaderData} actionData={actionData as FormState | { ok: true } | undefined} />;
}
