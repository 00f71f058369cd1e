// Ways to reach someone off Hearth: messaging and group links (t.me, wa.me, chat.whatsapp.com,
// line.me, discord.gg, qm.qq.com …), profile links on social sites, WeChat and QQ ids written
// after 微信/微信号/wx/vx/v信/QQ/扣扣 (with or without a colon), "Line ID: …", and an @handle
// written together with a platform's name ("her IG is @x", "推特@x", "@x on TikTok"). A Hearth
// @mention by itself is not a handle, nor are "QQ音乐", "微信支付" or "wx" inside a word.
const LINK_HOSTS = [
  "t.me",
  "telegram.me",
  "telegram.dog",
  "wa.me",
  "chat.whatsapp.com",
  "line.me",
  "lin.ee",
  "discord.gg",
  "discord.com/invite",
  "discordapp.com/invite",
  "signal.me",
  "signal.group",
  "qm.qq.com",
  "jq.qq.com",
  "weixin.qq.com/g",
  "u.wechat.com",
  "kik.me",
  "snapchat.com/add",
  "m.me",
];
// Profile pages: the host followed by a name (not the bare site, not a help page).
const PROFILE_HOSTS = [
  "instagram.com",
  "twitter.com",
  "x.com",
  "facebook.com",
  "fb.com",
  "tiktok.com",
  "weibo.com",
  "douyin.com",
  "xiaohongshu.com",
  "onlyfans.com",
  "reddit.com/u",
  "reddit.com/user",
  "vk.com",
  "threads.net",
  "bsky.app/profile",
  "space.bilibili.com",
];
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
const LINK = new RegExp(String.raw`(?<![A-Za-z0-9.-])(?:https?://)?(?:www\.)?(?:${LINK_HOSTS.map(escapeRegExp).join("|")})/[\w@+~-]`, "iu");
const NOT_PROFILES = "(?:help|about|legal|policies|privacy|terms|support|safety|hashtag|explore|settings|login|signup|accounts|share|watch|search|home)\\b";
const PROFILE = new RegExp(
  String.raw`(?<![A-Za-z0-9.-])(?:https?://)?(?:www\.|m\.|mobile\.)?(?:${PROFILE_HOSTS.map(escapeRegExp).join("|")})/(?!${NOT_PROFILES})@?[\w.-]{2,}`,
  "iu",
);

// 微信 abc_123, 微信号：wxid_8a9b, wx: abc123, vx 13800138000, 加v abc123, QQ 12345678, 扣扣：123456,
// QQ群 123456789, my wechat is abc_123.
const ID = String.raw`(?:[a-z][\w-]{4,19}|\d{5,12})(?![\w-])`;
// "V: abc123": a bare V (for 微信) only with a colon after it.
const CHAT_APPS = String.raw`(?:微信号?|微訊|威信|薇信|v信|V信|(?<![a-z0-9])(?:wechat|weixin|wx|vx|qq|line)(?:\s*(?:id|号|群号?))?(?![a-z])|(?<![a-z0-9])v(?=\s*[:=])|加\s*v|扣扣号?|企鹅号?|qq群号?)`;
const CHAT_ID = new RegExp(String.raw`${CHAT_APPS}\s*(?:(?:is|id|:|=|是|为|号|：)\s*){0,2}@?(${ID})`, "giu");
// An id of letters only ("my wechat account", "the line between", "QQ Music") is a word unless
// something says an id follows: a colon, "id", 号, 是, 为, or a Chinese app name (微信 liumeimei:
// in Chinese text a Latin word after 微信 is the id).
const SAYS_ID = /[:=：是为号]|(?<![a-z])id(?![a-z])|\p{Script=Han}/iu;

function hasChatId(text: string) {
  for (const match of text.matchAll(CHAT_ID)) {
    const id = match[1]!;
    if (/[\d_-]/.test(id) || SAYS_ID.test(match[0].slice(0, match[0].length - id.length))) return true;
  }
  return false;
}

// Platform names an @handle is given with.
const PLATFORMS = `(?:instagram|insta|ig|twitter|tiktok|snapchat|snap|facebook|fb|telegram|tg|kik|reddit|onlyfans|weibo|threads|bluesky|discord|signal|whatsapp|youtube|douyin|bilibili|mastodon|推特|抖音|快手|微博|小红书|电报|飞机|脸书|油管|b站|ins)`;
const LINK_WORDS = `(?:is|was|handle|account|acct|username|user|name|id|page|profile|at|of|账号|账户|号|是|叫|名|id是|的|群号?|频道|:|-|=)`;
const HANDLE = String.raw`@[\p{L}\p{N}_.]{2,30}`;
const PLATFORM_THEN_HANDLE = new RegExp(String.raw`(?<![A-Za-z0-9])${PLATFORMS}\s*(?:${LINK_WORDS}\s*){0,3}${HANDLE}`, "iu");
const HANDLE_THEN_PLATFORM = new RegExp(String.raw`${HANDLE}\s+(?:on|from)\s+(?:the\s+)?${PLATFORMS}(?![A-Za-z])`, "iu");
// "ig: jane_doe92", "snap - lily.x.04": a name after a platform and a colon, when it looks like a
// handle (a digit, an underscore or a dot), so "Instagram: they ignored me" is not one.
const PLATFORM_COLON_NAME = new RegExp(String.raw`(?<![A-Za-z0-9])${PLATFORMS}\s*(?:id|账号|号)?\s*[:=]\s*@?(?=[\w.]*[\d_.])[a-z][\w.]{2,29}(?![\w])`, "iu");

// "小红书号：9876543210", "抖音号 dy_lily88": a platform's account number, said to be one (号,
// 账号, id), with or without a colon: digits, or a name that looks like a handle.
const PLATFORM_ACCOUNT_ID = new RegExp(
  String.raw`(?<![A-Za-z0-9])${PLATFORMS}\s*(?:号|账号|id)\s*(?:[:=是为]\s*)?@?(?:(?=[\w.]*[\d_.])[a-z][\w.]{2,29}|\d{5,12})(?![\w])`,
  "iu",
);

export function hasHandle(text: string): boolean {
  return (
    LINK.test(text) ||
    PROFILE.test(text) ||
    hasChatId(text) ||
    PLATFORM_ACCOUNT_ID.test(text) ||
    PLATFORM_THEN_HANDLE.test(text) ||
    HANDLE_THEN_PLATFORM.test(text) ||
    PLATFORM_COLON_NAME.test(text)
  );
}
