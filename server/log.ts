// Structured logs with no personal data (docs/architecture.md, Privacy rules; ASVS 16): no IP, pseudonym,
// token, cookie, passphrase or post text. Redaction is a second line of defence; the first is
// never passing such values to the logger at all.
import pino, { type Logger } from "pino";

export type Log = Logger;

export function createLog(level: string, destination?: pino.DestinationStream): Log {
  return pino(
    {
      level,
      base: undefined,
      redact: {
        paths: [
          "*.ip",
          "*.pseudonym",
          "*.password",
          "*.passphrase",
          "*.token",
          "*.cookie",
          "*.headers",
          "*.body",
          "ip",
          "pseudonym",
          "password",
          "token",
          "cookie",
        ],
        censor: "[redacted]",
      },
      // CR/LF and other control characters in values cannot forge log lines: pino writes JSON.
    },
    destination,
  );
}
