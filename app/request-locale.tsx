// The reader's language for pages rendered without the root loader's data: when an action fails,
// React Router renders the root error boundary without running the root loader, so the boundary
// and the <html lang> would fall back to English for a Chinese reader. The server passes the
// request's locale here; in the browser it is the one the server wrote on <html lang>. Discreet
// mode likewise (its neutral titles), from the visitor and from <html data-discreet>.
import { createContext, useContext } from "react";
import { isLocale, type Locale } from "./i18n/catalog.ts";

const RequestLocaleContext = createContext<Locale>("en");
export const RequestLocaleProvider = RequestLocaleContext.Provider;
export const useRequestLocale = () => useContext(RequestLocaleContext);

export function documentLocale(): Locale {
  const lang = typeof document === "undefined" ? "en" : document.documentElement.lang;
  return isLocale(lang) ? lang : "en";
}

const RequestDiscreetContext = createContext(false);
export const RequestDiscreetProvider = RequestDiscreetContext.Provider;
export const useRequestDiscreet = () => useContext(RequestDiscreetContext);

export function documentDiscreet(): boolean {
  return typeof document !== "undefined" && document.documentElement.dataset.discreet === "on";
}
