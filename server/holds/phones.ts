// Phone numbers in English and Chinese text: international (+44 20 7946 0958, +86 138 0013
// 8000), mainland China mobiles (1[3-9] and nine more digits, however spaced), landlines with an
// area code (0755-8601 3388, (555) 123-4567), and shorter numbers when the words around them say
// "phone". Dates, times, prices, years, thread and order numbers, version numbers and toll-free
// service lines (helplines are organisations, not people) are masked out first.
import { mask } from "./normalize.ts";

// Runs of digits with the separators people put in phone numbers (no newline, no comma).
const RUN = /(?:\+[ \t]?)?\(?\d(?:[\d().\- \t\u00a0\u3000]*\d)?/g;

const NOT_PHONES: RegExp[] = [
  // Dates and times: 2019-05-12, 12/05/2019, 2019年5月12日, 13:45, 5月18号.
  /\b(?:19|20)\d{2}[-./年](?:0?[1-9]|1[0-2])[-./月](?:0?[1-9]|[12]\d|3[01])日?/g,
  /\b(?:0?[1-9]|[12]\d|3[01])[-./](?:0?[1-9]|1[0-2])[-./](?:19|20)\d{2}\b/g,
  /\b\d{1,2}:\d{2}(?::\d{2})?\b/g,
  // Year ranges: 2019-2020, 1998 – 2004.
  /\b(?:19|20)\d{2}\s*[-–~至到]\s*(?:19|20)\d{2}\b/g,
  // Prices: ¥1399, $13,999.00, 1399元, 300 块, 50 dollars.
  /[¥$€£￥]\s?\d[\d,. ]*/g,
  /\d[\d,. ]*\s?(?:元|块|角|美元|港币|英镑|欧元|万|千|百|dollars?|usd|rmb|cny|yuan|bucks|pounds?|euros?)/gi,
  // Numbers named as something else: thread #13912345678, 帖子13912345678, order 13812345678.
  /[#№]\s*\d[\d -]*/g,
  /\b(?:thread|post|reply|topic|ticket|case|order|invoice|ref|reference|tracking|parcel|item|no\.)\s*(?:number|num|no\.?|id)?(?:\s*(?:is|was|:|=))?\s*[#:]?\s*\d[\d -]*/gi,
  /(?:帖子?|主题|楼|编号|单号|订单|案件|工单|快递|运单|回复)\s*(?:号|编号|id)?\s*[#:是为]?\s*\d[\d -]*/gi,
  // Version numbers: v1.2.3, version 10.0.19045, iOS 17.4.1.
  /\b(?:v|version|ver|ios|android|windows|macos|build|版本)\s*\.?\s*\d+(?:\.\d+)+/gi,
];

// Toll-free and service lines: 1-800-656-4673, 0800 1111, 400-161-9995.
const TOLL_FREE = /^(?:1?8(?:00|33|44|55|66|77|88)\d{7}|0800\d{4,7}|0808\d{6,7}|[48]00\d{7})$/;

// Words that say the number next to them is a phone number.
const PHONE_WORDS =
  /(?:phone|tel|mobile|cell|call|ring|text|sms|number|num|whatsapp|signal|contact|reach|电话|手机|联系|号码|致电|打给|拨打|短信|来电|座机|手机号)[^\n\d]{0,12}$/i;

function isPhone(run: string, before: string): boolean {
  const digits = run.replace(/\D/g, "");
  const international = run.startsWith("+");
  const national = digits.replace(/^(?:0086|86)(?=1[3-9]\d{9}$)/, "");
  if (TOLL_FREE.test(national) || TOLL_FREE.test(national.replace(/^1/, ""))) return false;
  if (/^1[3-9]\d{9}$/.test(national)) return true;
  if (international) return digits.length >= 8 && digits.length <= 15;
  if (digits.length > 15 || digits.length < 7) return false;
  const groups = run
    .replace(/[()]/g, " ")
    .split(/[^\d]+/)
    .filter(Boolean);
  if (/^[\d]+\.[\d.]+$/.test(run) && !/^\d{2,4}\.\d{3,4}\.\d{4}$/.test(run)) return false;
  // "1 3 8 0 0 1 3 8 0 0 0": single digits spaced out to slip past a filter.
  if (groups.length >= 7 && groups.every((g) => g.length === 1)) return true;
  const shaped = groups.length <= 5 && groups.slice(1).every((g) => g.length >= 2) && groups.some((g) => g.length >= 3);
  if (!shaped) return false;
  if (PHONE_WORDS.test(before)) return true;
  if (groups.length === 1) return /^0\d{9,11}$/.test(digits);
  return digits.length >= 10 && digits.length <= 12;
}

export function hasPhoneNumber(text: string): boolean {
  let masked = text;
  for (const pattern of NOT_PHONES) masked = mask(masked, pattern);
  for (const match of masked.matchAll(RUN)) {
    const start = match.index;
    const end = start + match[0].length;
    // Part of a longer token (an id, a hash, a word with digits): not a phone number by itself.
    if (/[\p{L}\p{N}_]/u.test(masked[start - 1] ?? "") && !/[\p{Script=Han}]/u.test(masked[start - 1] ?? "")) continue;
    if (/[\p{Lu}\p{Ll}_%]/u.test(masked[end] ?? "")) continue;
    const run = match[0].trim();
    if (isPhone(run, masked.slice(Math.max(0, start - 30), start))) return true;
  }
  return false;
}
