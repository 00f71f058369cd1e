// An error answer thrown from a loader or action, shown by the root error boundary. It carries
// the standard status text: without one, React Router labels it "Internal Server Error" in a
// `.data` response, even for a 404.
import { STATUS_CODES } from "node:http";
import { data } from "react-router";

export function httpError(status: number, headers?: Record<string, string>) {
  return data(null, { status, statusText: STATUS_CODES[status] ?? "", ...(headers ? { headers } : {}) });
}
