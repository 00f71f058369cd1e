// A minimal translated page for answers given before React Router runs (cross-site refusals,
// oversized bodies, unexpected errors). No stack trace, no detail; quick exit as a plain link.
import type { Response } from "express";
import { translate, type Locale, type MessageKey } from "#app/i18n/catalog.ts";

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function sendPlainPage(res: Response, status: number, locale: Locale, title: MessageKey, body: MessageKey) {
  const t = (k: MessageKey) => escapeHtml(translate(locale, k));
  res
    .status(status)
    .type("html")
    .send(
      `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${t(title)} · ${t("site.name")}</title></head>` +
        `<body><p><a href="/exit" rel="nofollow noreferrer">${t("exit.label")}</a></p><main><h1>${t(title)}</h1><p>${t(body)}</p><p><a href="/">${t("error.home")}</a></p></main></body></html>`,
    );
}
