import { expect, test } from "vitest";
import { checkPseudonym, pseudonymKey } from "#server/auth/pseudonym.ts";
import { pseudonymIdeas } from "#server/auth/pseudonym-ideas.ts";

const reason = (input: string) => {
  const r = checkPseudonym(input);
  return r.ok ? "ok" : r.reason;
};

test("pseudonyms of 3 to 32 characters in any script are accepted", () => {
  for (const ok of ["Willow", "quiet_harbor-7", "M. Fern", "晨光小鹿", "安静的柳树", "Ана", "abc", "a".repeat(32)]) expect(reason(ok), ok).toBe("ok");
  expect(reason("ab")).toBe("pseudonym.tooShort");
  expect(reason("a".repeat(33))).toBe("pseudonym.tooLong");
  expect(reason("   ")).toBe("pseudonym.required");
});

test("characters beyond letters, digits, space and _ - . are refused", () => {
  for (const bad of ["will<ow>", "fern!", "tab\there?", "emoji🙂x", "semi;colon"]) expect(reason(bad), bad).toBe("pseudonym.characters");
});

test("names that could point back to a person are refused with their own explanation", () => {
  for (const bad of [
    "me@example.com",
    "@willow",
    "0412 345 678",
    "13812345678",
    "www.mysite",
    "fern.com",
    "ig_willow",
    "willow on tiktok",
    "QQ 12345",
    "我的微信",
    "snap fern",
  ])
    expect(reason(bad), bad).toBe("pseudonym.identifying");
  // Words that merely contain a platform name are fine.
  for (const ok of ["Instant Noodle", "Snapdragon", "Lineage", "Figure"]) expect(reason(ok), ok).toBe("ok");
});

test("NFKC folds look-alike forms, and uniqueness ignores case", () => {
  const wide = checkPseudonym("Ｗｉｌｌｏｗ");
  expect(wide.ok && wide.pseudonym).toBe("Willow");
  expect(pseudonymKey("WILLOW")).toBe(pseudonymKey("willow"));
  expect(pseudonymKey("Ｗｉｌｌｏｗ")).toBe(pseudonymKey("willow"));
  expect(checkPseudonym("  Quiet   Harbor ").ok && (checkPseudonym("  Quiet   Harbor ") as { pseudonym: string }).pseudonym).toBe("Quiet Harbor");
});

test("reserved names cannot be taken", () => {
  expect(reason("Admin")).toBe("pseudonym.unavailable");
  expect(reason("管理员")).toBe("pseudonym.unavailable");
});

test("generated ideas are valid pseudonyms, in English and Chinese", () => {
  const ideas = pseudonymIdeas();
  expect(ideas).toHaveLength(5);
  for (const idea of ideas) expect(reason(idea), idea).toBe("ok");
  expect(ideas.some((i) => /\p{Script=Han}/u.test(i))).toBe(true);
  expect(ideas.some((i) => /^[A-Za-z0-9]+$/.test(i))).toBe(true);
});

test("invisible and blank characters are refused wherever they stand, before trimming", () => {
  const invisible = [
    "\u3164",
    "\u115F",
    "\u1160",
    "\uFFA0",
    "\u2800",
    "\u200B",
    "\u200C",
    "\u200D",
    "\u200E",
    "\u200F",
    "\u2060",
    "\u2066",
    "\u206F",
    "\uFEFF",
    "\u00AD",
    "\u034F",
    "\uFE0F",
    "\u{E0041}",
    "\u{E0100}",
    "\u180E",
    "\u17B4",
  ];
  for (const char of invisible) {
    const code = char.codePointAt(0)!.toString(16);
    expect(reason(`alice_p${char}`), code).toBe("pseudonym.invisible");
    expect(reason(`ali${char}ce`), code).toBe("pseudonym.invisible");
    expect(reason(`${char}${char}${char}`), code).toBe("pseudonym.invisible");
  }
  expect(reason("moderator\u3164")).toBe("pseudonym.invisible");
});

test("combining marks on nothing, repeated or piled up are refused; real accents are fine", () => {
  for (const bad of ["\u0301abc", "ab \u0301c", "abe\u0301\u0301", "abe\u0300\u0301\u0302\u0303\u0304"]) expect(reason(bad), bad).toBe("pseudonym.characters");
  for (const ok of ["Zoë", "Nguyễn Văn", "Ren\u0301e", "क्षत्रिय", "ภูเขา"]) expect(reason(ok), ok).toBe("ok");
});

test("letters of look-alike scripts cannot be mixed; Latin with Chinese, Japanese or Korean can", () => {
  for (const bad of ["\u0430lice_p", "Wil\u043Bow", "p\u0430ypal", "Ζeus", "小雨\u0430"]) expect(reason(bad), bad).toBe("pseudonym.mixedScripts");
  for (const ok of ["小雨abc", "lily小雨", "さくらSakura", "東京tokyo", "김민지kim", "ㄅㄆ小雨", "Ἀλέξανδρος", "Ана", "مريم", "晨光小鹿"])
    expect(reason(ok), ok).toBe("ok");
});

test("look-alikes share a skeleton: case, confusable letters and other scripts meet", () => {
  const skeleton = (s: string) => (checkPseudonym(s) as { skeletons: string[] }).skeletons[0];
  const meet = (a: string, b: string) =>
    (checkPseudonym(a) as { skeletons: string[] }).skeletons.some((s) => (checkPseudonym(b) as { skeletons: string[] }).skeletons.includes(s));
  expect(meet("ALICE_P", "alice_p")).toBe(true);
  expect(meet("AdmIn_x", "admin_x")).toBe(true);
  expect(skeleton("Iris")).toBe(skeleton("lris")); // capital I, small l
  expect(skeleton("OIive")).toBe(skeleton("0live"));
  expect(skeleton("\u0455\u0440\u0430\u0441\u0435")).toBe(skeleton("space")); // all Cyrillic
  expect(skeleton("ΑΒΕ")).toBe(skeleton("abe")); // all Greek capitals
  expect(skeleton("willow")).not.toBe(skeleton("wallow"));
  expect(skeleton("小雨儿")).not.toBe(skeleton("小雪儿"));
});

test("reserved names are compared by skeleton", () => {
  for (const bad of ["rnoderator", "MODERATOR", "Adrnin", "AdmIn", "SYSTERN", "\u0405\u0423\u0405\u0422\u0415\u041C"])
    expect(reason(bad), bad).toBe("pseudonym.unavailable");
  expect(reason("modern_art")).toBe("ok");
});
