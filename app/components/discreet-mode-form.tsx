// The switch for discreet mode on this device (docs/safety.md, "Discreet mode"), on /settings and
// /safety: a plain form posting to /discreet, which sets or clears the cookie and sends the
// visitor back here, so it works signed out and without JavaScript.
import { Form, useLocation } from "react-router";
import { useT } from "#app/i18n/use-t.ts";
import { useDiscreet } from "#app/lib/use-discreet.ts";

export function DiscreetModeForm() {
  const t = useT();
  const on = useDiscreet();
  const location = useLocation();
  return (
    <>
      <p role="status">{t(on ? "privacy.discreet.isOn" : "privacy.discreet.isOff")}</p>
      <Form method="post" action="/discreet">
        <input type="hidden" name="returnTo" value={`${location.pathname}${location.search}#discreet`} />
        <input type="hidden" name="discreet" value={on ? "off" : "on"} />
        <button type="submit" className="secondary">
          {t(on ? "privacy.discreet.turnOff" : "privacy.discreet.turnOn")}
        </button>
      </Form>
    </>
  );
}
