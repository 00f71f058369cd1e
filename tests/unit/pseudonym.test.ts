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
  for (const bad of ["me@example.com", "@willow", "0412 345 678", "13812345678", "www.mysite", "fern.com", "ig_willow", "willow on tiktok", "QQ 12345", "我的微信", "snap fern"])
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
