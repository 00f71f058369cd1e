// What the server hands every loader and action (React Router context, not hidden globals).
import { createContext } from "react-router";
import type { Visitor } from "./contracts/visitor.ts";
import type { HearthServices } from "#server/services.ts";

export type { Visitor };

export const servicesContext = createContext<HearthServices>();
export const visitorContext = createContext<Visitor>();

/** Document requests only: stored post HTML that goes into the page but not into the hydration
 *  data (app/components/stored-html.tsx). Absent (null) for client-side navigations. */
export const storedHtmlContext = createContext<Map<string, string> | null>(null);
