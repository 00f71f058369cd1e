// A small HTTP client that behaves like Chromium without JavaScript: it keeps cookies, sends on
// a form POST what Chromium sends under Hearth's no-referrer policy (`Origin: null` with
// `Sec-Fetch-Site: same-origin`), and does not follow redirects on its own.
export class Browserless {
  readonly cookies = new Map<string, string>();
  constructor(
    readonly base: string,
    readonly headers: Record<string, string> = {},
  ) {}

  private absorb(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair = "", ...attrs] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some((a) => /max-age=0/i.test(a.trim())) || value === "";
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  async get(path: string, headers: Record<string, string> = {}) {
    const res = await fetch(new URL(path, this.base), { redirect: "manual", headers: { ...this.headers, cookie: this.cookieHeader(), ...headers } });
    this.absorb(res);
    return res;
  }

  /** `form` as an object, or as pairs when a field repeats. */
  async post(path: string, form: Record<string, string> | [string, string][], headers: Record<string, string> = {}) {
    const res = await fetch(new URL(path, this.base), {
      method: "POST",
      redirect: "manual",
      body: new URLSearchParams(form),
      headers: { origin: "null", "sec-fetch-site": "same-origin", ...this.headers, cookie: this.cookieHeader(), ...headers },
    });
    this.absorb(res);
    return res;
  }
}

/** The visible text of an HTML page, tags stripped, for assertions on what a person reads. */
export function pageText(html: string) {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
}
