// Street addresses. English: a house number, a street name and a street word ("221B Baker
// Street", "1600 Pennsylvania Ave NW", "flat 3, 12 high st"). Chinese: a road or street with a
// door number (科技园路18号, 中山路十八号, 南京西路1266弄), a building and room (3栋502室, 5号楼2单元),
// or a district with a named road, estate or village under it (南山区科技园路, 朝阳区望京花园).
// A city or district alone (我在深圳市南山区工作), a street without a number (南京路步行街), a date
// (5月18号) or a metro line (1号线) is not an address.
const STREET_WORDS =
  "street|st|road|rd|avenue|ave|lane|ln|drive|dr|boulevard|blvd|court|ct|place|pl|way|terrace|close|crescent|highway|hwy|parkway|pkwy|square|sq|gardens|grove|row|mews|circle|cir|trail|alley";
// Abbreviations count only capitalised ("12 Elm St", not "3 different dr").
const ABBREVIATIONS = new Set(["st", "rd", "ave", "ln", "dr", "blvd", "ct", "pl", "hwy", "pkwy", "sq", "cir"]);
// Street words that are plainly a street even in lower case ("42 baker street").
const PLAIN_STREETS = new Set(["street", "road", "avenue", "lane", "boulevard"]);
// Words that make "3 kids in the street" or "two miles down the road" a sentence, not an address.
const NOT_NAMES = new Set(
  "the a an in on at of to my your her his our their its and or but down up across along from into onto over past near by same other this that these those every each more few many some any all times years days weeks months minutes hours second minute hour day week month year mile people kids children cars houses blocks miles km metres meters steps doors floors was were is are be been i you he she we they it me him them us".split(
    " ",
  ),
);
const ENGLISH = new RegExp(String.raw`(?<![\p{L}\p{N}])\d{1,5}[a-z]?,?\s+((?:[\p{L}'.-]+\s+){1,3})(${STREET_WORDS})\b\.?`, "giu");
const STREET_SET = new Set(STREET_WORDS.split("|"));

const HAN = String.raw`\p{Script=Han}`;
// Han characters that can be part of a place name (not particles or pronouns: "山区的路" is not one).
const NAME = String.raw`(?:(?![的了在是和与跟我你他她它们这那个里上下很都也就还去来到走说要有没不])\p{Script=Han})`;
const NUMBER = String.raw`(?:\d{1,5}|[一二三四五六七八九十百零〇两]{1,6})`;
const CHINESE: RegExp[] = [
  // 科技园路18号, 中山路十八号, 南京西路1266弄, 人民大道 8 号
  new RegExp(String.raw`${HAN}{1,10}(?:路|街|大街|大道|巷|胡同)\s*${NUMBER}\s*(?:-\s*\d+\s*)?(?:号(?!线|码)|弄|巷)`, "u"),
  // 3栋502室, 5号楼2单元, 12幢1103, A座1801
  /(?:\d{1,4}|[A-Z])\s*(?:栋|幢|号楼|座|区)\s*(?:\d{1,2}\s*单元\s*)?\d{1,5}\s*(?:室|号|房)?/u,
  /\d{1,4}\s*(?:号楼|栋|幢)\s*\d{1,2}\s*单元/u,
  new RegExp(String.raw`${HAN}{1,8}(?:小区|花园|公寓|大厦|新村|苑)\s*\d{1,4}\s*(?:栋|幢|号楼|座|期|号|单元|室)`, "u"),
  // 南山区科技园路, 朝阳区望京花园, 昌平县回龙观村 (a district and what is under it)
  new RegExp(
    `(?<!小|社|市|地|景|园|校|郊|城|灾|专|误|禁|论|分|街|片|辖|营|赛|时|战|老)(?:区|县)${NAME}{2,8}(?:路|街|大道|巷|胡同|小区|花园|村|新村|公寓|大厦)(?![上边口线站道头])`,
    "u",
  ),
];

export function hasStreetAddress(text: string): boolean {
  for (const match of text.matchAll(ENGLISH)) {
    const names = match[1]!.trim().split(/\s+/);
    const street = match[2]!;
    const lower = names.map((w) => w.toLowerCase().replace(/[.,']/g, ""));
    if (lower.some((w) => NOT_NAMES.has(w) || STREET_SET.has(w))) continue;
    if (ABBREVIATIONS.has(street.toLowerCase()) && !/^\p{Lu}/u.test(street)) continue;
    const capitalised = names.some((w) => /^\p{Lu}/u.test(w));
    if (capitalised || PLAIN_STREETS.has(street.toLowerCase())) return true;
  }
  return CHINESE.some((pattern) => pattern.test(text));
}
