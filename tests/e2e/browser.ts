// Debian's Chromium driven by playwright-core, one browser per test file with a fresh temporary
// profile (plain `launch` never reuses a user-data-dir). Every context records the requests its
// pages make and the console errors they print, so a journey can assert that nothing left the
// server's origin (docs/architecture.md, privacy rules) and that the CSP refused nothing.
import { chromium, type Browser, type BrowserContext, type Page, type Request } from "playwright-core";
import { afterAll, onTestFinished } from "vitest";

const CHROMIUM = "/usr/bin/chromium";
// Playwright adds --headless itself; the rest keep Chromium from calling home or using QUIC.
const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export interface Watched {
  context: BrowserContext;
  page: Page;
  /** Every URL any page in this context requested, in order. */
  requests: string[];
  /** Console errors and uncaught page errors, in order. */
  errors: string[];
  /** The subset of `errors` in which the browser reports a Content Security Policy refusal. */
  cspViolations(): string[];
  /** Requests whose origin is not `origin`. */
  foreignRequests(origin: string): string[];
}

/**
 * Call at the top of a test file: the file's one browser, launched on first use and closed after
 * the file's tests. (A hook registered inside a running test is ignored by vitest, so the
 * afterAll must be registered while the file is being collected.)
 */
export function browserForThisFile(): () => Promise<Browser> {
  let launched: Promise<Browser> | undefined;
  afterAll(async () => {
    if (launched) await (await launched).close();
  });
  return () => (launched ??= chromium.launch({ executablePath: CHROMIUM, args: ARGS }));
}

/**
 * A fresh context (no cookies) with one page, JavaScript on or off, and its recorders. Call it
 * inside a test: the context is closed when that test finishes, pass or fail.
 */
export async function openContext(browser: Browser, opts: { javaScript: boolean; locale?: string }): Promise<Watched> {
  const context = await browser.newContext({ javaScriptEnabled: opts.javaScript, locale: opts.locale ?? "en-GB" });
  let page: Page | undefined;
  onTestFinished(async ({ task }) => {
    if (page && task.result?.state === "fail") await describeScreen(page, requests, unanswered, errors);
    await context.close();
  });
  const requests: string[] = [];
  const errors: string[] = [];
  // What is still waiting for an answer, and since when: told after a failed journey.
  const unanswered = new Map<Request, number>();
  context.on("request", (request) => {
    requests.push(request.url());
    unanswered.set(request, Date.now());
  });
  context.on("requestfinished", (request) => unanswered.delete(request));
  context.on("requestfailed", (request) => unanswered.delete(request));
  const watch = (page: Page) => {
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
  };
  context.on("page", watch);
  // A journey step that has not happened within 30 s is a failure, not a slow machine. (15 s was
  // too little on two cores while the other test worker runs the authorization matrix and the
  // CLI: one journey step in ~1,300 tests then missed it, in a run where it takes 1–3 s alone.)
  context.setDefaultTimeout(30_000);
  page = await context.newPage();
  return {
    context,
    page,
    requests,
    errors,
    cspViolations: () => errors.filter((e) => /Content Security Policy/i.test(e)),
    foreignRequests: (origin) => requests.filter((url) => !isFrom(url, origin)),
  };
}

/**
 * Fails the current test, when it finishes, if any page of these contexts printed a console
 * error or threw an uncaught exception: a journey is only as good as the pages it went
 * through. Call right after opening the contexts; the check runs even when the journey stops
 * early, and lists every error.
 */
export function failOnPageErrors(...watched: Watched[]): void {
  onTestFinished(({ task }) => {
    const errors = watched.flatMap((w) => w.errors);
    // A journey that already failed keeps its own message; these would only add noise.
    if (task.result?.state === "fail") return;
    if (errors.length > 0) throw new Error(`console errors or uncaught exceptions in the pages:\n${errors.join("\n")}`);
  });
}

/**
 * After a failed journey, prints where the page was and what it showed (its main text, the
 * last requests, the errors), so a failure seen only in a full run can be read from its output.
 */
async function describeScreen(page: Page, requests: string[], unanswered: Map<Request, number>, errors: string[]) {
  if (page.isClosed()) return;
  const text = await page
    .locator("body")
    .innerText({ timeout: 2_000 })
    .catch(() => "(no text)");
  const lines = [
    `page at the failure: ${page.url()}`,
    text.replace(/\n{2,}/g, "\n").slice(0, 2_000),
    "last requests:",
    ...requests.slice(-8),
    "still unanswered:",
    ...[...unanswered].map(([request, since]) => `${request.method()} ${request.url()} (${Math.round((Date.now() - since) / 1000)} s)`),
    ...errors.map((e) => `error: ${e}`),
  ];
  console.log(lines.join("\n"));
}

function isFrom(url: string, origin: string) {
  try {
    return new URL(url).origin === origin;
  } catch {
    return false;
  }
}

/**
 * With JavaScript on, waits until React has hydrated the page so a click goes through React
 * Router rather than racing it; with JavaScript off there is nothing to wait for.
 */
export async function settled(page: Page, javaScript: boolean) {
  await page.waitForLoadState("load");
  if (!javaScript) return;
  await page.waitForFunction(() => {
    const main = document.querySelector("main");
    return main !== null && Object.keys(main).some((key) => key.startsWith("__reactFiber"));
  });
}
