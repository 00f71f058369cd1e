// What quick exit does and does not do (docs/safety.md QE6, GOV.UK "Exit a page quickly"), and the
// per-device switches: discreet mode and the Shift shortcut.
import { Form, Link, redirect } from "react-router";
import type { Route } from "./+types/safety";
import { visitorContext } from "#app/context.ts";
import { DiscreetModeForm } from "#app/components/discreet-mode-form.tsx";
import { useT } from "#app/i18n/use-t.ts";
import { shiftShortcutCookie, shiftShortcutOn } from "#app/lib/quick-exit.server.ts";
import { readForm } from "#app/lib/read-form.server.ts";
import { PageTitle } from "#app/components/page-title.tsx";

export async function loader({ request }: Route.LoaderArgs) {
  return { shiftShortcut: shiftShortcutOn(request) };
}

// Post, then redirect: the next page (with or without JavaScript) reads the new cookie.
export async function action({ request, context }: Route.ActionArgs) {
  const on = (await readForm(request)).get("shiftShortcut") === "on";
  return redirect("/safety#shift", { headers: { "Set-Cookie": shiftShortcutCookie(on, context.get(visitorContext).https) } });
}

export default function Safety({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const on = loaderData.shiftShortcut;
  return (
    <section className="panel">
      <PageTitle>{`${t("safety.title")} · ${t("site.name")}`}</PageTitle>
      <h1>{t("safety.title")}</h1>
      <p>{t("safety.intro")}</p>

      <h2>{t("safety.what.heading")}</h2>
      <ul>
        <li>{t("safety.what.button")}</li>
        <li>{t("safety.what.link")}</li>
        <li>{t("safety.what.shift")}</li>
        <li>{t("safety.what.back")}</li>
        <li>{t("safety.what.signOut")}</li>
      </ul>

      <h2>{t("safety.not.heading")}</h2>
      <ul>
        <li>{t("safety.not.history")}</li>
        <li>{t("safety.not.input")}</li>
        <li>{t("safety.not.spyware")}</li>
      </ul>

      <h2>{t("safety.tips.heading")}</h2>
      <ul>
        <li>{t("safety.tips.device")}</li>
        <li>{t("safety.tips.private")}</li>
        <li>{t("safety.tips.clearing")}</li>
      </ul>

      <h2>{t("safety.back.heading")}</h2>
      <p>{t("safety.back.body")}</p>

      <h2 id="discreet">{t("privacy.discreet.name")}</h2>
      <p>{t("privacy.discreet.explain")}</p>
      <p>{t("privacy.discreet.limits")}</p>
      <DiscreetModeForm />

      <h2 id="shift">{t("safety.shift.heading")}</h2>
      <p>{t("safety.shift.body")}</p>
      <p role="status">{t(on ? "safety.shift.isOn" : "safety.shift.isOff")}</p>
      <Form method="post">
        <input type="hidden" name="shiftShortcut" value={on ? "off" : "on"} />
        <button type="submit" className="secondary">
          {t(on ? "safety.shift.turnOff" : "safety.shift.turnOn")}
        </button>
      </Form>

      <p>
        <Link to="/help">{t("nav.help")}</Link>
      </p>
    </section>
  );
}
