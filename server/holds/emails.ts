// Email addresses: the real form (name@example.com, 12345678@qq.com) and the usual ways of
// writing one past a filter: "name [at] gmail [dot] com", "name(at)163.com", "name at gmail dot
// com". "Meet @ 5pm" and a Hearth @mention are not addresses: an address has a name directly
// before the @ and a domain with a top-level part after it.
const TLD = "(?:com|net|org|edu|gov|info|biz|io|me|co|cn|hk|tw|mo|sg|uk|us|ca|au|de|fr|jp|kr|ru|in|nz|xyz|top|vip|app|dev|email|mail|online|site)";
const PLAIN = /[a-z0-9][a-z0-9._%+-]*@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}\b/i;
const AT = String.raw`(?:\s*[\[({<]\s*(?:at|@)\s*[\])}>]\s*|\s+at\s+|\s*艾特\s*)`;
const DOT = String.raw`(?:\s*[\[({<]\s*(?:dot|\.)\s*[\])}>]\s*|\s+dot\s+|\s*点\s*|\.)`;
const SPELLED = new RegExp(String.raw`\b[a-z0-9][a-z0-9._%+-]*${AT}[a-z0-9-]+(?:${DOT}[a-z0-9-]+)*${DOT}${TLD}\b`, "i");

export function hasEmailAddress(text: string): boolean {
  return PLAIN.test(text) || SPELLED.test(text);
}
