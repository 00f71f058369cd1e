import { PassThrough } from "node:stream";
import { createReadableStreamFromReadable } from "@react-router/node";
import { renderToPipeableStream } from "react-dom/server";
import { ServerRouter, type EntryContext, type HandleErrorFunction, type RouterContextProvider } from "react-router";
import { StoredHtmlStore } from "./components/stored-html.tsx";
import { storedHtmlContext, visitorContext } from "./context.ts";
import { NonceProvider } from "./nonce.tsx";
import { RequestDiscreetProvider, RequestLocaleProvider } from "./request-locale.tsx";

// The server bundle (build/hearth.js) and the tests take these through `build.entry.module`, so
// that the handler, the context provider class and the context keys are the very ones the routes
// use: a second copy of react-router would fail its instanceof checks.
export { servicesContext, storedHtmlContext, visitorContext } from "./context.ts";
export { RouterContextProvider } from "react-router";
export { createRequestHandler } from "@react-router/express";

export const streamTimeout = 5_000;

export default function handleRequest(request: Request, status: number, headers: Headers, routerContext: EntryContext, loadContext: RouterContextProvider) {
  if (request.method.toUpperCase() === "HEAD") return new Response(null, { status, headers });
  const nonce = loadContext.get(visitorContext).nonce;
  return new Promise<Response>((resolve, reject) => {
    // The whole document is rendered before sending: pages must be complete without JavaScript.
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RequestLocaleProvider value={loadContext.get(visitorContext).locale}>
          <RequestDiscreetProvider value={loadContext.get(visitorContext).discreet}>
            <StoredHtmlStore value={loadContext.get(storedHtmlContext)}>
              <ServerRouter context={routerContext} url={request.url} nonce={nonce} />
            </StoredHtmlStore>
          </RequestDiscreetProvider>
        </RequestLocaleProvider>
      </NonceProvider>,
      {
        nonce,
        onAllReady() {
          clearTimeout(timer);
          const body = new PassThrough();
          headers.set("Content-Type", "text/html; charset=utf-8");
          resolve(new Response(createReadableStreamFromReadable(body), { headers, status }));
          pipe(body);
        },
        onShellError(error) {
          clearTimeout(timer);
          reject(error);
        },
        onError() {
          status = 500;
        },
      },
    );
    // Cleared as soon as the page is complete: a pending timer keeps the whole render (the page,
    // its data, the request) alive for six seconds — at 500 pages a second, ~200 MB of heap
    // that the garbage collector then has to promote and sweep (measured: p99 3x higher).
    const timer = setTimeout(abort, streamTimeout + 1000);
    timer.unref();
  });
}

// Errors are logged by kind only: messages and stacks can carry member input.
export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted) return;
  const name = error instanceof Error ? error.name : typeof error;
  console.error(JSON.stringify({ level: 50, msg: "route error", err: { name } }));
  if (process.env.HEARTH_DEBUG_ERRORS) console.error(error);
};
