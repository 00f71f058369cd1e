// The tab icon in discreet mode (docs/safety.md, "Discreet mode"): a plain note page, like any
// notes app's, served by Hearth itself (the CSP allows images from 'self' only). Without discreet
// mode pages name no icon and /favicon.ico stays empty (server/http/app.ts). Drawn here as a
// few lines of SVG rather than kept as a file: nothing in the client build is an image.
import type { RequestHandler } from "express";

export { NEUTRAL_ICON_PATH } from "#app/contracts/discreet-mode.ts";

const ICON =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">' +
  '<rect x="5" y="3" width="22" height="26" rx="3" fill="#f4f1e8" stroke="#6b6b6b" stroke-width="2"/>' +
  '<path d="M10 10h12M10 15h12M10 20h8" stroke="#6b6b6b" stroke-width="2" stroke-linecap="round"/>' +
  "</svg>";

export const neutralIcon: RequestHandler = (_req, res) => {
  res.type("image/svg+xml").send(ICON);
};
