// TRUST_PROXY=loopback behind a real proxy on loopback: Hearth takes the address the proxy
// appended, never one the client wrote, so forging X-Forwarded-For on every try buys nothing.
import { expect, test } from "vitest";
import { memoryThrottle } from "#server/auth/throttle.ts";
import { makeMember } from "#tests/helpers/members.ts";
import { postFrom, startProxy } from "#tests/helpers/proxy.ts";
import { startTestHearth } from "#tests/helpers/server.ts";

const limits = {
  pairFailures: 3,
  clientFailures: 6,
  pseudonymFailures: 1000,
  signUps: 50,
  postsPerMinute: 6,
  exportsPerHour: 12,
  windowSeconds: 600,
  slowdownStepMs: 1,
  slowdownMaxMs: 2,
};
const hearth = await startTestHearth({ env: { TRUST_PROXY: "loopback" }, throttle: memoryThrottle(limits) });
// 127.0.0.N on loopback is reported as 203.0.113.N, the client's address on the internet.
const proxy = await startProxy(hearth.url, (peer) => peer.replace(/^(::ffff:)?127\.0\.0\./, "203.0.113."));

async function attemptsUntilBlocked(localAddress: string, pseudonym: string, forge: (i: number) => Record<string, string>) {
  const statuses: number[] = [];
  for (let i = 0; i < 5; i++) statuses.push((await postFrom(localAddress, `${proxy.url}/login`, { pseudonym, password: `wrong guess ${i}` }, forge(i))).status);
  return statuses;
}

test("a client forging a new X-Forwarded-For on every sign-in attempt is throttled exactly as one without it", async () => {
  const { pseudonym } = await makeMember(hearth.database.db);
  const honest = await attemptsUntilBlocked("127.0.0.21", pseudonym, () => ({}));
  const forger = await attemptsUntilBlocked("127.0.0.22", pseudonym, (i) => ({ "x-forwarded-for": `198.51.100.${i + 1}` }));
  expect(honest).toEqual([400, 400, 400, 429, 429]);
  expect(forger).toEqual(honest);
  // A forged chain of several addresses, and one naming a loopback "proxy", change nothing either.
  const chained = await attemptsUntilBlocked("127.0.0.23", pseudonym, (i) => ({ "x-forwarded-for": `198.51.100.${i + 9}, 127.0.0.1` }));
  expect(chained).toEqual(honest);
  // Hearth keyed on the address the proxy appended, not on the proxy's own: another client is not
  // blocked by these, and the client-wide limit (6 failures over any pseudonyms) holds for a forger.
  expect((await postFrom("127.0.0.24", `${proxy.url}/login`, { pseudonym, password: "another guess" })).status).toBe(400);
  const spray: number[] = [];
  for (let i = 0; i < 7; i++) {
    const other = await makeMember(hearth.database.db);
    spray.push(
      (
        await postFrom(
          "127.0.0.25",
          `${proxy.url}/login`,
          { pseudonym: other.pseudonym, password: "not it at all" },
          { "x-forwarded-for": `198.51.100.${40 + i}` },
        )
      ).status,
    );
  }
  expect(spray).toEqual([400, 400, 400, 400, 400, 400, 429]);
});

test("the Origin check reads X-Forwarded-Proto only from a trusted proxy", async () => {
  const origin = new URL(hearth.url).origin;
  // Straight from a client on loopback (trusted range): it may say which scheme it came in on.
  const direct = await postFrom(
    "127.0.0.31",
    `${hearth.url}/language`,
    { lang: "en" },
    { origin: origin.replace("http:", "https:"), "x-forwarded-proto": "https" },
  );
  expect(direct.status).toBe(302);
  const untrusted = await startTestHearth({ env: { TRUST_PROXY: "10.9.8.7" }, database: hearth.database });
  const u = new URL(untrusted.url).origin;
  const refused = await postFrom(
    "127.0.0.31",
    `${untrusted.url}/language`,
    { lang: "en" },
    { origin: u.replace("http:", "https:"), "x-forwarded-proto": "https" },
  );
  expect(refused.status).toBe(403);
  const plain = await postFrom("127.0.0.31", `${untrusted.url}/language`, { lang: "en" }, { origin: u });
  expect(plain.status).toBe(302);
});
