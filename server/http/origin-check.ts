// Every state-changing request must come from Hearth's own pages (ASVS 3.5.x): React Router
// actions and resource routes alike, since React Router's own check does not cover resource
// routes (CVE-2026-22030, SECURITY.md). SameSite alone is not relied on (STYLE.md).
import type { IncomingMessage } from "node:http";
import type { RequestHandler } from "express";
import { requestLocale } from "./request-locale.ts";
import { sendPlainPage } from "./plain-page.ts";

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

export function expectedOrigin(req: IncomingMessage, publicOrigin: string | undefined, trustProxy: boolean) {
  if (publicOrigin) return publicOrigin;
  const forwardedProto = trustProxy ? String(req.headers["x-forwarded-proto"] ?? "").split(",")[0]?.trim() : "";
  const proto = forwardedProto || ((req.socket as { encrypted?: boolean }).encrypted ? "https" : "http");
  return `${proto}://${req.headers.host}`;
}

/** True when the request carries proof it came from our own origin. Under our
 *  `Referrer-Policy: no-referrer`, Chromium sends `Origin: null` even for a same-origin form, so a
 *  null or missing Origin is accepted only with the browser's own `Sec-Fetch-Site: same-origin`. */
export function isSameOrigin(req: IncomingMessage, publicOrigin: string | undefined, trustProxy: boolean) {
  const origin = req.headers.origin;
  if (origin && origin !== "null") return origin === expectedOrigin(req, publicOrigin, trustProxy);
  return req.headers["sec-fetch-site"] === "same-origin";
}

export function originCheck(opts: { publicOrigin?: string; trustProxy: boolean; onRefused?: () => void }): RequestHandler {
  return (req, res, next) => {
    if (SAFE.has(req.method) || isSameOrigin(req, opts.publicOrigin, opts.trustProxy)) return next();
    opts.onRefused?.();
    sendPlainPage(res, 403, requestLocale(req), "error.forbidden.title", "form.crossSite");
  };
}
