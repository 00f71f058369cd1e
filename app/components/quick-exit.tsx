// Quick exit on every page (docs/safety.md QE1–QE5, after GOV.UK's "Exit this page"): a skip link and
// a second "Exit this page" link for keyboard and screen-reader users, then the sticky button.
// All are plain links to /exit, so they work without JavaScript. With it, the page is blanked at
// once, a "Loading." alert covers it, and the visit leaves with location.replace (Back does not
// return here); Shift pressed three times does the same. The CSP allows no inline script or
// style: the behaviour lives in effects, the looks in app.css classes.
import { useEffect, useRef, useState, type MouseEvent } from "react";
import { flushSync } from "react-dom";
import { translate, type Locale, type MessageKey } from "#app/i18n/catalog.ts";
import { PRESSES_TO_EXIT, shiftSequence } from "#app/lib/shift-sequence.ts";

export const EXIT_PATH = "/exit";
const HIDING = "exit-this-page-hiding";

export function QuickExit({ locale, shiftShortcut }: { locale: Locale; shiftShortcut: boolean }) {
  const t = (key: MessageKey) => translate(locale, key);
  const [leaving, setLeaving] = useState(false);
  const [alertText, setAlertText] = useState("");
  const [status, setStatus] = useState("");
  const [presses, setPresses] = useState(0);
  // The key handlers are registered once; they read the current language through this ref, so
  // `leave` and `say` use nothing that changes between renders.
  const localeRef = useRef(locale);
  useEffect(() => {
    localeRef.current = locale;
  }, [locale]);
  const say = (key: MessageKey) => translate(localeRef.current, key);

  const leave = () => {
    document.body.classList.add(HIDING);
    flushSync(() => setLeaving(true));
    // Set after the alert is in the page, so that screen readers announce it.
    flushSync(() => setAlertText(say("exit.loading")));
    window.location.replace(EXIT_PATH);
  };

  // Armed once per setting: `leave` and `say` read the latest locale through refs.
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-arming on every render would reset the count
  useEffect(() => {
    const sequence = shiftSequence(
      {
        progress(left) {
          setPresses(PRESSES_TO_EXIT - left);
          setStatus(say(left === 2 ? "exit.pressTwoMore" : "exit.pressOneMore"));
        },
        expired() {
          setPresses(0);
          setStatus(say("exit.timedOut"));
        },
        cleared: () => setStatus(""),
        complete() {
          setPresses(PRESSES_TO_EXIT);
          setStatus("");
          leave();
        },
      },
      { setTimeout: (run, ms) => window.setTimeout(run, ms), clearTimeout: (id) => window.clearTimeout(id as number) },
    );
    // Back from the back-forward cache: a usable page again, starting from zero.
    const restore = () => {
      sequence.reset();
      document.body.classList.remove(HIDING);
      setLeaving(false);
      setAlertText("");
      setStatus("");
      setPresses(0);
    };
    window.addEventListener("pageshow", restore);
    const options = { capture: true };
    if (shiftShortcut) {
      document.addEventListener("keydown", sequence.keydown, options);
      document.addEventListener("keyup", sequence.keyup, options);
    }
    return () => {
      window.removeEventListener("pageshow", restore);
      document.removeEventListener("keydown", sequence.keydown, options);
      document.removeEventListener("keyup", sequence.keyup, options);
      sequence.reset();
    };
  }, [shiftShortcut]);

  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    leave();
  };

  return (
    <>
      <a className="skip-link" href="#main">
        {t("nav.skip")}
      </a>
      <a className="skip-link" href={EXIT_PATH} rel="nofollow noreferrer" onClick={onClick} data-quick-exit="secondary">
        {t("exit.label")}
      </a>
      <div className="exit-this-page">
        <a
          className="exit-this-page-button"
          href={EXIT_PATH}
          rel="nofollow noreferrer"
          role="button"
          draggable={false}
          onClick={onClick}
          data-quick-exit="button"
        >
          <span className="visually-hidden">{t("exit.emergency")}</span> {t("exit.label")}
          <span className={presses > 0 ? "exit-this-page-dots counting" : "exit-this-page-dots"} aria-hidden="true">
            {Array.from({ length: PRESSES_TO_EXIT }, (_, i) => (
              <span key={i} className={i < presses ? "exit-this-page-dot lit" : "exit-this-page-dot"} />
            ))}
          </span>
        </a>
        <span className="visually-hidden" role="status">
          {status}
        </span>
      </div>
      {leaving ? (
        <div className="exit-this-page-overlay" role="alert">
          {alertText}
        </div>
      ) : null}
    </>
  );
}
