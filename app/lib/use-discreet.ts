// Whether this device is in discreet mode (docs/safety.md, "Discreet mode"): from the root
// loader, which reads the cookie on every request, or, on a page rendered without the root
// loader's data (a failed action's error page), from what the server knew of the request.
import { useRouteLoaderData } from "react-router";
import { useRequestDiscreet } from "#app/request-locale.tsx";

export function useDiscreet(): boolean {
  const root = useRouteLoaderData("root") as { discreet?: boolean } | undefined;
  const fallback = useRequestDiscreet();
  return root?.discreet ?? fallback;
}
