// Identity numbers: the 18-character mainland China resident identity number (six digits of
// region, the birth date, three of sequence and a check character, ISO 7064 MOD 11-2, which can
// be X), also written in groups; and a US social security number written 123-45-6789. A run of
// 18 digits with an impossible birth date, or a wrong check character and no "ID" nearby, is
// some other number (an order, a tracking code) and is not held.
// Latin letters and digits around it make it part of a longer code; Chinese around it is just text.
const RUN = /(?<![A-Za-z0-9_])\d(?:[ -]?\d){16}[ -]?[\dXx](?![A-Za-z0-9_])/gu;
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = "10X98765432";
const ID_WORDS = /(?:身份证|身份號|证件号|公民身份|\bid\b|identity|ID card)[^\n]{0,12}$/i;
const SSN = /(?<![\d-])(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}(?![\d-])/;

function validDate(yyyymmdd: string) {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  if (y < 1900 || y > new Date().getFullYear() || m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function checksumOk(id: string) {
  const sum = WEIGHTS.reduce((acc, w, i) => acc + w * Number(id[i]), 0);
  return CHECK[sum % 11] === id[17]!.toUpperCase();
}

export function isResidentId(id: string) {
  return /^[1-9]\d{16}[\dX]$/i.test(id) && /^(?:1[1-5]|2[1-3]|3[1-7]|4[1-6]|5[0-4]|6[1-5]|71|8[1-3])/.test(id) && validDate(id.slice(6, 14));
}

export function hasIdNumber(text: string): boolean {
  if (SSN.test(text)) return true;
  for (const match of text.matchAll(RUN)) {
    const id = match[0].replace(/[ -]/g, "");
    if (!isResidentId(id)) continue;
    if (checksumOk(id) || ID_WORDS.test(text.slice(Math.max(0, match.index - 20), match.index))) return true;
  }
  return false;
}
