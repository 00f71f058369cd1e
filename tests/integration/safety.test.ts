// Safety on every page over real HTTP (issue 4; docs/safety.md QE1, QE2, QE6): the quick-exit links,
// /exit and its sign-out choice, the help page in both languages, and the admin-editable
// settings behind them.
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { expect, onTestFinished, test } from "vitest";
import { openDatabase } from "#db/client.ts";
import { seedDefaults } from "#db/seed.ts";
import { members, sessions } from "#db/schema.ts";
import { setSettingFromJson, settingAsJson, readSetting, writeSetting } from "#server/settings/store.ts";
import { Browserless, pageText } from "#tests/helpers/http-client.ts";
import { GOOD_PASSPHRASE, uniquePseudonym } from "#tests/helpers/members.ts";
import { startTestHearth } from "#tests/helpers/server.ts";

const hearth = await startTestHearth();
const COOKIE = "hearth_session";

async function joined(base = hearth.url) {
  const client = new Browserless(base);
  const pseudonym = uniquePseudonym();
  const res = await client.post("/join", { pseudonym, password: GOOD_PASSPHRASE, confirmPassword: GOOD_PASSPHRASE });
  expect(res.status).toBe(200);
  return { client, pseudonym };
}

const attributes = (tag: string) => Object.fromEntries([...tag.matchAll(/([\w-]+)(?:="([^"]*)")?/g)].slice(1).map((a) => [a[1]!, a[2] ?? ""]));

/** Whether the settings page shows a preference's checkbox ticked. */
function ticked(html: string, name: string) {
  const tag = html.match(new RegExp(`<input [^>]*name="${name}"[^>]*>`))?.[0];
  expect(tag, name).toBeDefined();
  return "checked" in attributes(tag!);
}

/** The opening tags of every link in the page, in order, as attribute maps. */
function links(html: string) {
  return [...html.matchAll(/<a\b([^>]*)>([\s\S]*?)<\/a>/g)].map((m) => ({
    attrs: attributes(`<a${m[1]!}`),
    text: pageText(m[2]!).trim(),
    index: m.index,
  }));
}

function expectQuickExitFirst(html: string, words: { skip: string; exit: string; emergency: string }) {
  const body = html.slice(html.indexOf("<body"));
  const [skip, secondary, button] = links(body);
  expect(skip).toMatchObject({ attrs: { href: "#main" }, text: words.skip });
  expect(secondary).toMatchObject({ attrs: { href: "/exit", rel: "nofollow noreferrer" }, text: words.exit });
  expect(button).toMatchObject({ attrs: { href: "/exit", rel: "nofollow noreferrer", role: "button" }, text: `${words.emergency} ${words.exit}` });
  expect(body).toMatch(new RegExp(`<span class="visually-hidden">${words.emergency}</span>`));
  // All three come before the site header, and a hidden live region is ready for the Shift count.
  expect(body.indexOf("<header")).toBeGreaterThan(button!.index);
  expect(body).toMatch(/<span class="visually-hidden" role="status"><\/span>/);
  // "Get help now" is in the header of every page.
  const header = body.slice(body.indexOf("<header"), body.indexOf("</header>"));
  expect(links(header).some((l) => l.attrs.href === "/help")).toBe(true);
}

const EN = { skip: "Skip to content", exit: "Exit this page", emergency: "Emergency" };
const ZH = { skip: "跳到正文", exit: "离开此页面", emergency: "紧急" };

test("every page opens with the skip link, the secondary exit link and the exit button, in both languages", async () => {
  const visitor = new Browserless(hearth.url);
  for (const path of ["/", "/join", "/login", "/recover", "/help", "/safety", "/welcome", "/no/such/page"]) {
    const res = await visitor.get(path);
    expect(res.status, path).toBe(path === "/no/such/page" ? 404 : 200);
    expectQuickExitFirst(await res.text(), EN);
  }
  const { client } = await joined();
  for (const path of ["/", "/settings", "/logout", "/welcome", "/nothing-here"]) expectQuickExitFirst(await (await client.get(path)).text(), EN);
  const zh = new Browserless(hearth.url, { "accept-language": "zh-CN" });
  for (const path of ["/", "/help", "/gone"]) expectQuickExitFirst(await (await zh.get(path)).text(), ZH);
  expect(pageText(await (await zh.get("/")).text())).toContain("立即求助");
  // Pages answered before React Router (a refused cross-site form) still offer the exit link.
  const refused = await visitor.post("/login", { pseudonym: "x", password: "y" }, { origin: "https://evil.example", "sec-fetch-site": "cross-site" });
  expect(refused.status).toBe(403);
  expect(links(await refused.text())[0]).toMatchObject({ attrs: { href: "/exit", rel: "nofollow noreferrer" }, text: "Exit this page" });
});

test("/exit answers 303 to the reader's neutral page, and leaves a visitor's browser alone", async () => {
  const en = await new Browserless(hearth.url).get("/exit");
  expect(en.status).toBe(303);
  expect(en.headers.get("location")).toBe("https://www.bbc.co.uk/weather");
  expect(en.headers.get("clear-site-data")).toBeNull();
  expect(en.headers.getSetCookie()).toEqual([]);
  const zh = await new Browserless(hearth.url, { "accept-language": "zh-CN,zh;q=0.9" }).get("/exit");
  expect(zh.status).toBe(303);
  expect(zh.headers.get("location")).toBe("https://www.weather.com.cn/");
});

test("/exit signs out only when the member chose it, and then clears the site's data", async () => {
  const { client, pseudonym } = await joined();
  const kept = await client.get("/exit");
  expect(kept.status).toBe(303);
  expect(kept.headers.get("clear-site-data")).toBeNull();
  expect(pageText(await (await client.get("/")).text())).toContain(`Signed in as ${pseudonym}`);

  expect(ticked(await (await client.get("/settings")).text(), "quickExitSignsOut")).toBe(false);
  const saved = await client.post("/settings", { intent: "preferences", quickExitSignsOut: "on" });
  expect(saved.status).toBe(200);
  const savedPage = await saved.text();
  expect(pageText(savedPage)).toContain("Your preferences have been saved.");
  expect(ticked(savedPage, "quickExitSignsOut")).toBe(true);
  expect(ticked(savedPage, "openContentWarnings")).toBe(false);
  expect(savedPage).toContain('<a href="/safety"');

  // A link followed from another site does not sign the member out.
  const fromElsewhere = await client.get("/exit", { "sec-fetch-site": "cross-site" });
  expect(fromElsewhere.status).toBe(303);
  expect(fromElsewhere.headers.get("clear-site-data")).toBeNull();
  expect(pageText(await (await client.get("/")).text())).toContain(`Signed in as ${pseudonym}`);

  const token = client.cookies.get(COOKIE)!;
  const out = await client.get("/exit", { "sec-fetch-site": "same-origin" });
  expect(out.status).toBe(303);
  expect(out.headers.get("location")).toBe("https://www.bbc.co.uk/weather");
  expect(out.headers.get("clear-site-data")).toBe('"cache", "cookies", "storage"');
  expect(out.headers.getSetCookie().some((c) => c.startsWith(`${COOKIE}=;`) && /Max-Age=0/.test(c))).toBe(true);
  expect(client.cookies.has(COOKIE)).toBe(false);
  const replay = new Browserless(hearth.url);
  replay.cookies.set(COOKIE, token);
  expect(pageText(await (await replay.get("/")).text())).not.toContain("Signed in as");
  const [member] = await hearth.database.db.select().from(members).where(eq(members.pseudonym, pseudonym));
  expect(member!.quickExitSignsOut).toBe(true);
  expect(await hearth.database.db.select().from(sessions).where(eq(sessions.memberId, member!.id))).toHaveLength(0);
});

test("both preferences are saved, shown and cleared again through the settings form", async () => {
  const { client, pseudonym } = await joined();
  await client.post("/settings", { intent: "preferences", openContentWarnings: "on", quickExitSignsOut: "on" });
  const [on] = await hearth.database.db.select().from(members).where(eq(members.pseudonym, pseudonym));
  expect(on).toMatchObject({ openContentWarnings: true, quickExitSignsOut: true });
  const page = await (await client.get("/settings")).text();
  expect(ticked(page, "openContentWarnings")).toBe(true);
  expect(ticked(page, "quickExitSignsOut")).toBe(true);
  expect(ticked(await (await client.post("/settings", { intent: "preferences" })).text(), "openContentWarnings")).toBe(false);
  const [off] = await hearth.database.db.select().from(members).where(eq(members.pseudonym, pseudonym));
  expect(off).toMatchObject({ openContentWarnings: false, quickExitSignsOut: false });
  // The form needs a session; a visitor is sent to sign in and nothing changes.
  const visitor = await new Browserless(hearth.url).post("/settings", { intent: "preferences", quickExitSignsOut: "on" });
  expect(visitor.status).toBe(302);
});

test("an admin-set destination is used; only http(s) addresses can be set", async () => {
  const own = await startTestHearth();
  const db = own.database.db;
  await writeSetting(db, "quick_exit.url", "https://example.org/forecast");
  expect((await new Browserless(own.url).get("/exit")).headers.get("location")).toBe("https://example.org/forecast");
  await writeSetting(db, "quick_exit.url", { en: "https://example.org/en", "zh-Hans": "https://example.org/zh" });
  expect((await new Browserless(own.url).get("/exit")).headers.get("location")).toBe("https://example.org/en");
  expect((await new Browserless(own.url, { "accept-language": "zh" }).get("/exit")).headers.get("location")).toBe("https://example.org/zh");
  for (const bad of [
    "javascript:alert(1)",
    "JavaScript:alert(document.cookie)",
    " java\tscript:alert(1)",
    "data:text/html,hi",
    "/elsewhere",
    "//evil.example/",
    "https://user:pw@example.org/",
    "ftp://example.org/",
    "",
  ]) {
    await expect(writeSetting(db, "quick_exit.url", bad), bad).rejects.toMatchObject({ name: "Invalid" });
  }
  await expect(writeSetting(db, "quick_exit.url", { en: "javascript:alert(1)" })).rejects.toMatchObject({
    name: "Invalid",
    fields: { en: "setting.httpUrlOnly" },
  });
  expect(await readSetting(db, "quick_exit.url")).toEqual({ en: "https://example.org/en", "zh-Hans": "https://example.org/zh" });
  expect((await new Browserless(own.url).get("/exit")).headers.get("location")).toBe("https://example.org/en");
});

test("/help lists the seeded services for each language, both lists reachable, with the steps", async () => {
  const en = pageText(await (await new Browserless(hearth.url).get("/help")).text());
  for (const words of [
    "Get help now",
    "Services for English readers",
    "StopNCII.org",
    "Take It Down",
    "Revenge Porn Helpline",
    "0345 6000 459",
    "844-878-2274",
    "988 Suicide & Crisis Lifeline",
    "Samaritans",
    "116 123",
    "If your images are shared",
    "Never post evidence on Hearth",
  ])
    expect(en).toContain(words);
  const enHtml = await (await new Browserless(hearth.url).get("/help")).text();
  expect(enHtml).toContain('href="/help?list=zh-Hans"');
  expect(enHtml).toContain('<a href="https://stopncii.org/" rel="noreferrer noopener">');

  const zhPage = pageText(await (await new Browserless(hearth.url, { "accept-language": "zh-CN" }).get("/help")).text());
  for (const words of [
    "面向中文读者的服务",
    "12356",
    "010-82951332",
    "800-810-1117",
    "12338",
    "2896 0000",
    "2389 2222",
    "風雨蘭",
    "2375 5322",
    "1925",
    "1995",
    "02-6605-7373",
    "如果你的图片被传播了",
  ])
    expect(zhPage).toContain(words);
  // An English reader can open the Chinese list, and the other way round.
  const zhForEnglish = await (await new Browserless(hearth.url).get("/help?list=zh-Hans")).text();
  expect(pageText(zhForEnglish)).toContain("12356");
  expect(zhForEnglish).toContain('<li lang="zh-Hans">');
  expect(pageText(await (await new Browserless(hearth.url, { "accept-language": "zh" }).get("/help?list=en")).text())).toContain("Revenge Porn Helpline");
});

test("help resources are admin-editable, shown as text only, and seeding never overwrites an edit", async () => {
  const own = await startTestHearth();
  const db = own.database.db;
  const edited = {
    services: [
      {
        name: '<script>alert("x")</script> Line',
        offers: "<b>bold</b> & <img src=x onerror=alert(1)>",
        region: "Here",
        contact: "123",
        url: "https://example.org/help",
      },
    ],
    steps: ["<a href='javascript:alert(1)'>step</a>"],
  };
  await writeSetting(db, "help.resources.en", edited);
  const html = await (await new Browserless(own.url).get("/help")).text();
  expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Line");
  expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
  // The markup has none of it; the hydration data carries it as escaped JSON (\u003c), inert.
  const markup = html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, "");
  expect(markup).not.toMatch(/<script>alert|<img|<b>bold|href='javascript/);
  expect(html).not.toMatch(/<script>alert|<img|<b>bold/);
  expect(pageText(html)).not.toContain("Revenge Porn Helpline");
  await expect(writeSetting(db, "help.resources.en", { ...edited, services: [{ ...edited.services[0], url: "javascript:alert(1)" }] })).rejects.toMatchObject({
    fields: { "services.0.url": "setting.httpUrlOnly" },
  });
  await expect(writeSetting(db, "help.resources.en", { services: [], steps: [] })).rejects.toMatchObject({ name: "Invalid" });
  await expect(writeSetting(db, "help.resources.en", { ...edited, extra: true })).rejects.toMatchObject({ name: "Invalid" });

  await seedDefaults(db);
  await seedDefaults(db);
  expect(await readSetting(db, "help.resources.en")).toEqual({ ...edited, services: [{ ...edited.services[0], url: "https://example.org/help" }] });
  expect((await readSetting(db, "help.resources.zh-Hans")).services.map((s) => s.contact).join(" ")).toContain("12356");
});

test("the admin CLI's get and set: JSON in and out, validated, unknown keys refused", async () => {
  const own = await startTestHearth();
  const db = own.database.db;
  expect(JSON.parse(await settingAsJson(db, "quick_exit.url"))).toEqual({ en: "https://www.bbc.co.uk/weather", "zh-Hans": "https://www.weather.com.cn/" });
  expect(JSON.parse(await settingAsJson(db, "help.resources.en")).services[0].name).toBe("StopNCII.org");
  expect(await setSettingFromJson(db, "quick_exit.url", '"https://example.net/weather"')).toBe("https://example.net/weather");
  expect(await settingAsJson(db, "quick_exit.url")).toBe('"https://example.net/weather"');
  expect((await new Browserless(own.url).get("/exit")).headers.get("location")).toBe("https://example.net/weather");
  await expect(setSettingFromJson(db, "quick_exit.url", "https://example.net/")).rejects.toMatchObject({
    name: "Invalid",
    fields: { value: "setting.notJson" },
  });
  await expect(setSettingFromJson(db, "quick_exit.url", '"javascript:alert(1)"')).rejects.toMatchObject({ fields: { value: "setting.httpUrlOnly" } });
  await expect(setSettingFromJson(db, "session.secret", '"x"')).rejects.toMatchObject({ fields: { key: "setting.unknownKey" } });
  await expect(settingAsJson(db, "session.secret")).rejects.toMatchObject({ fields: { key: "setting.unknownKey" } });
  expect(await settingAsJson(db, "quick_exit.url")).toBe('"https://example.net/weather"');
});

test("/safety and /welcome explain quick exit in both languages; /welcome follows joining", async () => {
  const safety = pageText(await (await new Browserless(hearth.url).get("/safety")).text());
  for (const words of [
    "does not erase your browser history",
    "private browsing",
    "nobody else checks or controls",
    "delete only the Hearth entries",
    "raise suspicion",
    "Anything you were typing is lost",
    "How to come back",
    "Microsoft Pinyin",
  ])
    expect(safety).toContain(words);
  const zhSafety = pageText(await (await new Browserless(hearth.url, { "accept-language": "zh" }).get("/safety")).text());
  expect(zhSafety).toContain("它不会删除你的浏览记录");
  expect(zhSafety).toContain("无痕浏览");
  const welcome = await (await new Browserless(hearth.url).get("/welcome")).text();
  expect(pageText(welcome)).toContain("press the Shift key three times");
  expect(welcome).toContain('<a href="/safety"');
  expect(welcome).toContain('<a class="button" href="/"');
  const codesPage = await new Browserless(hearth.url).post("/join", {
    pseudonym: uniquePseudonym(),
    password: GOOD_PASSPHRASE,
    confirmPassword: GOOD_PASSPHRASE,
  });
  expect(await codesPage.text()).toMatch(/<a class="button" href="\/welcome"[^>]*>I have kept my codes — continue<\/a>/);
});

test("the Shift shortcut can be turned off and on for this device", async () => {
  const device = new Browserless(hearth.url);
  expect(pageText(await (await device.get("/safety")).text())).toContain("The Shift shortcut is on for this device.");
  const off = await device.post("/safety", { shiftShortcut: "off" });
  expect(off.status).toBe(302);
  expect(off.headers.get("location")).toBe("/safety#shift");
  expect(off.headers.getSetCookie()[0]).toMatch(/^exit_shift=off; Path=\/; HttpOnly; SameSite=Lax; Max-Age=31536000$/);
  expect(pageText(await (await device.get("/safety")).text())).toContain("The Shift shortcut is off for this device.");
  await device.post("/safety", { shiftShortcut: "on" });
  expect(device.cookies.has("exit_shift")).toBe(false);
  expect(pageText(await (await device.get("/safety")).text())).toContain("The Shift shortcut is on for this device.");
});

test("/exit still leaves while the database is down: visitors as usual, members signed out", async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), "hearth-exit-outage-"));
  const database = await openDatabase({ dataDir: dir });
  onTestFinished(async () => {
    await database.close();
    await rm(dir, { recursive: true, force: true });
  });
  const down = await startTestHearth({ database });
  const { client } = await joined(down.url);
  await database.embedded!.stop();

  const visitor = await new Browserless(down.url, { "accept-language": "zh-CN" }).get("/exit");
  expect(visitor.status).toBe(303);
  expect(visitor.headers.get("location")).toBe("https://www.weather.com.cn/");
  expect(visitor.headers.get("clear-site-data")).toBeNull();
  // The member's choice cannot be read: the safer reading, out of the session on this browser.
  const member = await client.get("/exit");
  expect(member.status).toBe(303);
  expect(member.headers.get("location")).toBe("https://www.bbc.co.uk/weather");
  expect(member.headers.get("clear-site-data")).toBe('"cache", "cookies", "storage"');
  expect(client.cookies.has(COOKIE)).toBe(false);
  // The help page's seeded resources are still there for a visitor.
  const help = await new Browserless(down.url).get("/help");
  expect(help.status).toBe(200);
  expect(pageText(await help.text())).toContain("Revenge Porn Helpline");
});

test("npm run admin -- get / set: the built CLI prints JSON, stores valid values and explains refusals", { timeout: 180_000 }, async () => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "hearth-settings-cli-"));
  onTestFinished(() => rm(dataDir, { recursive: true, force: true }));
  const root = path.resolve(import.meta.dirname, "../..");
  const admin = (...args: string[]) =>
    new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
      const child = spawn(process.execPath, ["build/admin.js", ...args], {
        cwd: root,
        env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "", REDIS_URL: "", LOG_LEVEL: "warn" },
      });
      let out = "";
      let err = "";
      child.stdout.on("data", (d) => (out += d));
      child.stderr.on("data", (d) => (err += d));
      child.on("close", (code) => resolve({ code, out, err }));
    });
  const seeded = await admin("get", "quick_exit.url");
  expect(seeded).toMatchObject({ code: 0, err: "" });
  expect(JSON.parse(seeded.out)).toEqual({ en: "https://www.bbc.co.uk/weather", "zh-Hans": "https://www.weather.com.cn/" });
  expect(await admin("set", "quick_exit.url", '"https://example.org/forecast"')).toMatchObject({
    code: 0,
    out: 'quick_exit.url = "https://example.org/forecast"\n',
  });
  expect((await admin("get", "quick_exit.url")).out).toBe('"https://example.org/forecast"\n');
  const script = await admin("set", "quick_exit.url", '"javascript:alert(1)"');
  expect(script.code).toBe(1);
  expect(script.err).toContain("value: Only a full http:// or https:// address can be used here.");
  const unknown = await admin("get", "no.such.key");
  expect(unknown.code).toBe(2);
  expect(unknown.err).toContain("There is no setting with that key. Settings: quick_exit.url, help.resources.en, help.resources.zh-Hans");
  expect((await admin("set", "quick_exit.url")).code).toBe(2);
  expect((await admin("get", "quick_exit.url")).out).toBe('"https://example.org/forecast"\n');
});
