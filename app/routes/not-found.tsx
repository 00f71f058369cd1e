import { httpError } from "#app/lib/http-error.server.ts";

// Every unknown path is a translated 404 from the root error boundary.
export async function loader() {
  throw httpError(404);
}

export async function action() {
  throw httpError(404);
}

export default function NotFound() {
  return null;
}
