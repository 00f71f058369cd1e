// How erasure finds an erased member's pseudonym in moderators' free text (server/privacy/mentions.ts,
// pseudonymScrubber): as a whole word where it has Latin edges, anywhere in Chinese, in any case,
// its punctuation literal; never inside another member's pseudonym; and for a one-word name that
// is also a word ("Hope"), not where the word is written in lower case without an @.
import { expect, test } from "vitest";
import { pseudonymScrubber } from "#server/privacy/mentions.ts";

const scrub = (pseudonym: string, text: string, others: string[] = []) => pseudonymScrubber(pseudonym, others)(text).replaceAll("[erased member]", "[X]");

test("a Latin pseudonym as a whole word, in any case; not inside a longer word", () => {
  expect(scrub("Juniper Moss", "Warned juniper moss twice; JUNIPER MOSS again")).toBe("Warned [X] twice; [X] again");
  expect(scrub("Hazel42", "hazel42 shared a screenshot; Hazel421 did not")).toBe("[X] shared a screenshot; Hazel421 did not");
  expect(scrub("Ann", "Annual report by Ann, about ANN.")).toBe("Annual report by [X], about [X].");
});

test("a one-word name that is also a word: the word in lower case stays, the name goes", () => {
  expect(scrub("Hope", "I hope you understand why Hope was warned; @hope too")).toBe("I hope you understand why [X] was warned; @[X] too");
});

test("never inside a member who stays", () => {
  expect(scrub("Rowan", "Rowan Lee said Rowan shared my photos", ["Rowan Lee"])).toBe("Rowan Lee said [X] shared my photos");
});

test("a Chinese pseudonym anywhere, since Chinese runs words together; punctuation is literal", () => {
  expect(scrub("小林", "小林说她很害怕")).toBe("[X]说她很害怕");
  expect(scrub("林Ann", "林ann说")).toBe("[X]说");
  expect(scrub("a.b-c_d", "see a.b-c_d. and axb-c_d")).toBe("see [X]. and axb-c_d");
});

test("a longer one-word name is the name in any case", () => {
  expect(scrub("Exporterqq", "spoke to exporterqq and Exporterqq")).toBe("spoke to [X] and [X]");
});
