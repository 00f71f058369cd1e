import { data } from "react-router";

// Every unknown path is a translated 404 from the root error boundary.
export async function loader() {
  throw data(null, { status: 404 });
}

export async function action() {
  throw data(null, { status: 404 });
}

export default function NotFound() {
  return null;
}
