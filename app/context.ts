// What the server hands every loader and action (React Router context, not hidden globals).
import { createContext } from "react-router";
import type { Locale } from "./i18n/catalog.ts";
import type { HearthServices } from "#server/services.ts";

export interface Visitor {
  member: { id: string; pseudonym: string; role: "member" | "moderator" | "admin" } | null;
  /** The signed-in member's unread notifications and content-warning preference (0/false otherwise). */
  unread: number;
  openContentWarnings: boolean;
  sessionId: string | null;
  locale: Locale;
  /** HMAC of the client's address for rate limits; the address itself never reaches the app. */
  clientKey: () => Promise<string>;
  /** Secure cookies and the __Host- prefix when Hearth is served over HTTPS. */
  https: boolean;
  /** True once an action on this very request signed the visitor in (join, recovery). */
  freshSession?: boolean;
  /** This response's CSP nonce, for the scripts React Router writes into the page. */
  nonce: string;
}

export const servicesContext = createContext<HearthServices>();
export const visitorContext = createContext<Visitor>();

/** Document requests only: stored post HTML that goes into the page but not into the hydration
 *  data (app/components/stored-html.tsx). Absent (null) for client-side navigations. */
export const storedHtmlContext = createContext<Map<string, string> | null>(null);
