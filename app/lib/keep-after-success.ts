import type { ShouldRevalidateFunctionArgs } from "react-router";

/** After a successful join or recovery the page must keep showing its result (the recovery codes
 *  appear only once); re-running its loader would redirect the now signed-in member away. */
export function keepAfterSuccess({ actionResult, defaultShouldRevalidate }: ShouldRevalidateFunctionArgs) {
  if (actionResult && typeof actionResult === "object" && "ok" in actionResult && actionResult.ok) return false;
  return defaultShouldRevalidate;
}
