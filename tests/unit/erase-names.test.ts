// How erasure finds an erased member's pseudonym in moderators' free text (server/privacy/erase.ts):
// as a whole word where it has Latin edges, anywhere in Chinese, whatever its punctuation; the
// same pattern in JavaScript (jsonb values) and in PostgreSQL (text columns, tested in
// tests/integration/privacy-erase.test.ts).
import { expect, test } from "vitest";
import { namePatterns } from "#server/privacy/erase.ts";

const replaced = (pseudonym: string, text: string) => text.replace(new RegExp(namePatterns(pseudonym).js, "giu"), "[X]");

test("a Latin pseudonym as a whole word, in any case; not inside a longer word", () => {
  expect(replaced("Ann", "Annual report by ann, about ANN.")).toBe("Annual report by [X], about [X].");
  expect(replaced("Juniper Moss", "Warned juniper moss twice")).toBe("Warned [X] twice");
  expect(replaced("Ann", "@Ann said")).toBe("@[X] said");
});

test("a Chinese pseudonym anywhere, since Chinese runs words together", () => {
  expect(replaced("小林", "小林说她很害怕")).toBe("[X]说她很害怕");
  expect(replaced("林Ann", "林ann说")).toBe("[X]说");
});

test("punctuation in a pseudonym is literal", () => {
  expect(replaced("a.b-c_d", "see a.b-c_d. and axb-c_d")).toBe("see [X]. and axb-c_d");
  expect(namePatterns("a.b-c_d").postgres).toBe("(?<![A-Za-z0-9_])a\\.b\\-c\\_d(?![A-Za-z0-9_])");
});
