// A minimal translated page for answers given before React Router runs (cross-site refusals,
// oversized bodies, unexpected errors). No stack trace, no detail; quick exit as a plain link, the
// privacy page in the foot, and in discreet mode the neutral title every page has then.
import type { Response } from "express";
import { translate, type Locale, type MessageKey } from "#app/i18n/catalog.ts";
import { discreetModeOn } from "#server/safety/discreet-mode.ts";

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function sendPlainPage(res: Response, status: number, locale: Locale, title: MessageKey, body: MessageKey) {
  const t = (k: MessageKey) => escapeHtml(translate(locale, k));
  const tabTitle = discreetModeOn(res.req?.headers.cookie) ? t("privacy.discreet.title") : `${t(title)} · ${t("site.name")}`;
  res
    .status(status)
    .type("html")
    .send(
      `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${tabTitle}</title></head>` +
        `<body><p><a href="/exit" rel="nofollow noreferrer">${t("exit.label")}</a></p><main><h1>${t(title)}</h1><p>${t(body)}</p><p><a href="/">${t("error.home")}</a></p></main>` +
        `<footer><a href="/privacy">${t("privacy.footer.privacy")}</a></footer></body></html>`,
    );
}
