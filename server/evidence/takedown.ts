// A takedown request's text for one entry, for the member to paste into a platform's report form
// (docs/evidence.md). The templates are admin-editable settings (evidence.takedown.en and
// evidence.takedown.zh-Hans); Hearth fills them in and sends nothing anywhere. Placeholders:
// {platform} {place} {links} {since} {postedBy} {description}; any other {word} stays as written.
import type { EvidenceEntry } from "#app/contracts/evidence.ts";
import { translate, type Locale } from "#app/i18n/catalog.ts";

export const DEFAULT_TAKEDOWN: Record<Locale, string> = {
  en: `To the {platform} safety team,

I am writing to report intimate images of me that were shared on your platform without my consent. I did not agree to their being taken, shared or published, and I ask you to remove them and any copies at once.

Where: {place}
Links:
{links}
Seen there since: {since}
Posted by: {postedBy}
What it shows: {description}

Sharing intimate images without consent breaks your own rules and, in many places, the law. Please confirm when the content has been removed, and keep a record of the account that posted it in case the police ask for it.`,
  "zh-Hans": `{platform}安全团队：

我要举报在你们平台上未经我同意被传播的我的私密图像。我从未同意拍摄、传播或发布这些图像，请立即删除它们及所有副本。

位置：{place}
链接：
{links}
最早看到的时间：{since}
发布者：{postedBy}
内容：{description}

未经同意传播私密图像违反你们自己的社区规则，在许多地方也违反法律。内容删除后请告知我，并保留发布账号的记录，以备警方调取。`,
};

/** When it was seen, as the member wrote it, with its zone ("2026-03-14 21:30 (Asia/Shanghai)"). */
export function seenText(entry: Pick<EvidenceEntry, "seenAt" | "timeZone">, locale: Locale): string {
  if (!entry.seenAt) return translate(locale, "evidence.takedown.noDate");
  return `${entry.seenAt.replace("T", " ")} (${entry.timeZone})`;
}

export function platformName(entry: Pick<EvidenceEntry, "platform" | "platformDetail">, locale: Locale): string {
  const name = translate(locale, `evidence.platform.${entry.platform}`);
  if (!entry.platformDetail) return name;
  return entry.platform === "other" || entry.platform === "website" ? entry.platformDetail : `${name} (${entry.platformDetail})`;
}

/** The template filled in for `entry`. Member text goes in as written: the result is plain text. */
export function takedownText(template: string, entry: EvidenceEntry, locale: Locale): string {
  const none = translate(locale, "evidence.takedown.noPlace");
  const values: Record<string, string> = {
    platform: platformName(entry, locale),
    place: entry.place || none,
    links: entry.links.length ? entry.links.join("\n") : none,
    since: seenText(entry, locale),
    postedBy: entry.postedBy || none,
    description: entry.description || none,
  };
  // One pass, so text the member wrote that looks like a placeholder is not filled in again.
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(values, name) ? values[name]! : whole));
}
