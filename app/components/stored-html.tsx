// Post HTML rendered at write time, put into a page once. Sent as loader data it would travel
// twice in a document response: in the page, and again, escaped, in the script that hydrates it
// (half the bytes of a thread page). So for document requests the loader leaves it out of the
// data and hands it over in this request's store (app/context.ts, storedHtmlContext): the server
// renders it from there, and the browser hydrates it from the DOM it already has. Client-side
// navigations (.data requests) have no store, so their data carries the HTML as usual.
import { createContext, useContext, useState } from "react";

export const StoredHtmlStore = createContext<Map<string, string> | null>(null);

export function StoredHtml({ id, html, className }: { id: string; html: string | null; className: string }) {
  const store = useContext(StoredHtmlStore);
  // Read once, at the first render: on the server from the store, in the browser (hydrating) from
  // the server's markup, which React leaves as it is for dangerouslySetInnerHTML.
  const [fromPage] = useState(() =>
    html === null ? (store?.get(id) ?? (typeof document === "undefined" ? "" : (document.getElementById(id)?.innerHTML ?? ""))) : "",
  );
  // biome-ignore lint/security/noDangerouslySetInnerHtml: HTML sanitized at write time by the media guard's renderer
  return <div id={id} className={className} dangerouslySetInnerHTML={{ __html: html ?? fromPage }} />;
}
