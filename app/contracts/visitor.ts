// Who is asking, as the server hands it to every loader and action through React Router's context.
import type { Locale } from "#app/i18n/catalog.ts";
import type { Actor } from "./actor.ts";

/** The signed-in member: who they are, and what server/authz/policy.ts needs to decide. */
export type VisitorMember = Actor & { pseudonym: string };

export interface Visitor {
  member: VisitorMember | null;
  /** A member who joined while registration needs approval and has not been let in yet: signed
   *  in, but `member` stays null, so every page and service treats them as signed out; they can
   *  read their waiting page (/waiting) and sign out. */
  waiting: { id: string; pseudonym: string } | null;
  /** The signed-in member's unread notifications and content-warning preference (0/false otherwise). */
  unread: number;
  openContentWarnings: boolean;
  sessionId: string | null;
  /** The session's token from the cookie (only the evidence log asks: it opens the member's data
   *  key). A function, so the token is never in anything serialised; null without a session. */
  sessionToken: () => string | null;
  locale: Locale;
  /** Discreet mode is on for this device (its own cookie; docs/safety.md, "Discreet mode"). */
  discreet: boolean;
  /** HMAC of the client's address for rate limits; the address itself never reaches the app. */
  clientKey: () => Promise<string>;
  /** Secure cookies and the __Host- prefix when Hearth is served over HTTPS. */
  https: boolean;
  /** True once an action on this very request signed the visitor in (join, recovery). */
  freshSession?: boolean;
  /** This response's CSP nonce, for the scripts React Router writes into the page. */
  nonce: string;
}
