// POST /discreet: turns discreet mode on or off for this device (docs/safety.md, "Discreet mode")
// and goes back to the page the form was on. Anyone may, signed in or not: like the language, it
// belongs to the device, not to an account. A GET only goes home.
import { redirect } from "react-router";
import type { Route } from "./+types/discreet";
import { visitorContext } from "#app/context.ts";
import { readForm } from "#app/lib/read-form.server.ts";
import { returnTo } from "#app/lib/return-to.server.ts";
import { discreetModeCookie } from "#server/safety/discreet-mode.ts";

export async function loader() {
  return redirect("/");
}

export async function action({ request, context }: Route.ActionArgs) {
  const form = await readForm(request);
  const back = returnTo(form.get("returnTo"));
  const choice = form.get("discreet");
  if (choice !== "on" && choice !== "off") return redirect(back);
  return redirect(back, { headers: { "Set-Cookie": discreetModeCookie(choice === "on", context.get(visitorContext).https) } });
}

// Never shown (the loader and the action redirect), but it makes this a page route, so a refused
// returnTo gets the root error boundary's translated page rather than a bare JSON body.
export default function Discreet() {
  return null;
}
