import type { HeadersFunction } from "react-router";

/** Passes a loader's or action's headers (Retry-After, say) on to the page; cookies pass anyway. */
export const forwardHeaders: HeadersFunction = ({ loaderHeaders, actionHeaders }) => {
  const headers = new Headers();
  for (const source of [loaderHeaders, actionHeaders])
    source.forEach((value, key) => {
      if (key !== "set-cookie") headers.set(key, value);
    });
  return headers;
};
