// The session cookie: HttpOnly, SameSite=Lax, Path=/; Secure and the __Host- prefix behind
// HTTPS (ASVS 3.3.x). Expires with the session, so a renewed session renews the cookie.
export function sessionCookieName(secure: boolean) {
  return secure ? "__Host-hearth_session" : "hearth_session";
}

function attributes(secure: boolean) {
  return `Path=/; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`;
}

export function serializeSessionCookie(token: string, expiresAt: Date, secure: boolean) {
  return `${sessionCookieName(secure)}=${token}; ${attributes(secure)}; Expires=${expiresAt.toUTCString()}`;
}

export function clearSessionCookie(secure: boolean) {
  return `${sessionCookieName(secure)}=; ${attributes(secure)}; Max-Age=0`;
}

export function parseCookies(header: string | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    if (!(name in out)) {
      try {
        out[name] = decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        out[name] = "";
      }
    }
  }
  return out;
}
