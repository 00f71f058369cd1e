// Look-alike and invisible characters in pseudonyms (UTS #39, Unicode Security Mechanisms), so
// that no one can pass as another member or as a moderator: a confusable skeleton for
// comparisons, the "highly restrictive" mixed-script rule, and invisible characters.
// Why the confusables table is vendored: docs/decisions/013-pseudonym-confusables.md.
import { CONFUSABLES } from "./confusables-data.ts";

const PROTOTYPES = new Map<string, string>(
  CONFUSABLES.split("\n").map((line) => {
    const [from, to] = line.split("\t");
    return [from!, to!];
  }),
);

/** UTS #39 section 4: skeleton(X) = NFD(map each character of NFD(X) to its prototype). */
export function skeleton(input: string): string {
  let out = "";
  for (const char of input.normalize("NFD")) out += PROTOTYPES.get(char) ?? char;
  return out.normalize("NFD");
}

/** What two pseudonyms are compared by: the skeleton, lower-cased, then skeletonised again, so that
 *  case does not matter ("ВОВ" in Cyrillic and "bob" meet at "bob") while a capital I still meets
 *  a small l, as they look alike. Not for display: a skeleton mixes scripts at will. */
export function pseudonymSkeleton(pseudonym: string): string {
  return skeleton(skeleton(pseudonym.normalize("NFKC")).toLowerCase());
}

/** The forms a new name is checked by: its skeleton, and that of its lower-case form, so that
 *  "AdmIn" (a capital I where "admin" has an i) still meets "admin". Stored rows keep the first. */
export function pseudonymSkeletons(pseudonym: string): string[] {
  return [...new Set([pseudonymSkeleton(pseudonym), pseudonymSkeleton(pseudonym.normalize("NFKC").toLowerCase())])];
}

// Characters that show as nothing, or as blank space that is not a space. Default_Ignorable_Code_Point
// covers the zero-width characters, joiners, bidi controls (U+200B–U+200F, U+202A–U+202E,
// U+2060–U+206F), U+FEFF, variation selectors, tags (U+E0000…), the Hangul fillers (U+115F, U+1160,
// U+3164, U+FFA0) and U+034F; the rest are letters or symbols that render blank.
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\u2800\u{16FE4}\u{1D173}-\u{1D17A}\p{Cf}\p{Co}\p{Cn}\p{Cs}]/u;

export function hasInvisible(input: string): boolean {
  return INVISIBLE.test(input) || INVISIBLE.test(input.normalize("NFKC"));
}

/** Combining marks that stand on nothing, or pile up (UTS #39 section 5.4): a mark at the start
 *  or after a space or punctuation, the same nonspacing mark twice in a row, or more than four
 *  nonspacing marks in a row. */
export function hasMisplacedMarks(input: string): boolean {
  const chars = [...input.normalize("NFD")];
  let run = 0;
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i]!;
    if (!/\p{M}/u.test(char)) {
      run = 0;
      continue;
    }
    const before = chars[i - 1];
    if (before === undefined || !/[\p{L}\p{M}\p{Nd}]/u.test(before)) return true;
    if (/[\p{Mn}\p{Me}]/u.test(char)) {
      run += 1;
      if (run > 4 || char === before) return true;
    }
  }
  return false;
}

// ISO 15924 codes of the scripts Node's Unicode data knows (Unicode 15). Common and Inherited are
// left out: they go with any script.
const SCRIPTS = (
  "Adlm Aghb Ahom Arab Armi Armn Avst Bali Bamu Bass Batk Beng Bhks Bopo Brah Brai Bugi Buhd Cakm Cans Cari Cham " +
  "Cher Chrs Copt Cpmn Cprt Cyrl Deva Diak Dogr Dsrt Dupl Egyp Elba Elym Ethi Geor Glag Gong Gonm Goth Gran Grek " +
  "Gujr Guru Hang Hani Hano Hatr Hebr Hira Hluw Hmng Hmnp Hung Ital Java Kali Kana Kawi Khar Khmr Khoj Kits Knda " +
  "Kthi Lana Laoo Latn Lepc Limb Lina Linb Lisu Lyci Lydi Mahj Maka Mand Mani Marc Medf Mend Merc Mero Mlym Modi " +
  "Mong Mroo Mtei Mult Mymr Nagm Nand Narb Nbat Newa Nkoo Nshu Ogam Olck Orkh Orya Osge Osma Ougr Palm Pauc Perm " +
  "Phag Phli Phlp Phnx Plrd Prti Rjng Rohg Runr Samr Sarb Saur Sgnw Shaw Shrd Sidd Sind Sinh Sogd Sogo Sora Soyo " +
  "Sund Sylo Syrc Tagb Takr Tale Talu Taml Tang Tavt Telu Tfng Tglg Thaa Thai Tibt Tirh Tnsa Toto Ugar Vaii Vith " +
  "Wara Wcho Xpeo Xsux Yezi Yiii Zanb"
)
  .split(" ")
  .flatMap((code) => {
    try {
      return [[code, new RegExp(`^\\p{scx=${code}}$`, "u")] as const];
    } catch {
      return []; // a script this Node does not know: its characters fall to "unknown" below
    }
  });
// The augmented script sets of UTS #39 section 5.1: Han is part of the writing systems of Chinese
// with Bopomofo (Hanb), Japanese (Jpan) and Korean (Kore).
const AUGMENT: Record<string, string[]> = { Hani: ["Hanb", "Jpan", "Kore"], Hira: ["Jpan"], Kana: ["Jpan"], Hang: ["Kore"], Bopo: ["Hanb"] };
const COMMON = /^[\p{scx=Zyyy}\p{scx=Zinh}]$/u;
const scriptCache = new Map<string, Set<string> | null>();

/** The augmented Script_Extensions of a character; null for Common and Inherited ones. */
function scriptsOf(char: string): Set<string> | null {
  const cached = scriptCache.get(char);
  if (cached !== undefined) return cached;
  let set: Set<string> | null = null;
  if (!COMMON.test(char)) {
    set = new Set<string>();
    for (const [code, pattern] of SCRIPTS) if (pattern.test(char)) for (const s of [code, ...(AUGMENT[code] ?? [])]) set.add(s);
    if (set.size === 0) set.add(`unknown:${char}`);
  }
  if (scriptCache.size < 10_000) scriptCache.set(char, set);
  return set;
}

/** The resolved script set (UTS #39 section 5.1): the scripts every character belongs to. */
function resolved(chars: string[]): Set<string> | "any" {
  const sets = chars.map(scriptsOf).filter((set): set is Set<string> => set !== null);
  if (sets.length === 0) return "any";
  return new Set([...sets[0]!].filter((script) => sets.every((set) => set.has(script))));
}

/** UTS #39 "highly restrictive" (section 5.2): one script, or Latin with the scripts of Chinese,
 *  Japanese or Korean ("小雨abc", "lily小雨", "さくらSakura"), so Latin–Cyrillic look-alikes fail. */
export function isHighlyRestrictive(input: string): boolean {
  const chars = [...input.normalize("NFD")];
  const all = resolved(chars);
  if (all === "any" || all.size > 0) return true;
  const nonLatin = resolved(chars.filter((c) => !scriptsOf(c)?.has("Latn")));
  return nonLatin !== "any" && ["Jpan", "Hanb", "Kore"].some((s) => nonLatin.has(s));
}
