// Default forums, chat rooms and settings for a new Hearth. Idempotent: safe at every start,
// and never overwrites what an admin has changed since.
import type { Db } from "./client.ts";
import { chatRooms, forums, settings } from "./schema.ts";
import { defaultSettings } from "./seed-data/settings.ts";

const defaultForums = [
  {
    slug: "introductions",
    names: { en: "Introductions", "zh-Hans": "自我介绍" },
    descriptions: { en: "Say hello, at your own pace.", "zh-Hans": "按你自己的节奏，打个招呼。" },
  },
  {
    slug: "support",
    names: { en: "Support", "zh-Hans": "互助支持" },
    descriptions: { en: "Talk about what happened and how you are coping.", "zh-Hans": "聊聊发生了什么，以及你如何应对。" },
  },
  {
    slug: "takedowns",
    names: { en: "Removal and reporting", "zh-Hans": "删除与举报" },
    descriptions: { en: "Getting images taken down; reporting to platforms and police.", "zh-Hans": "如何让图片被删除；向平台和警方举报。" },
  },
  {
    slug: "wellbeing",
    names: { en: "Wellbeing", "zh-Hans": "身心照顾" },
    descriptions: { en: "Rest, routines and the things that help.", "zh-Hans": "休息、日常，以及对你有帮助的事。" },
  },
];

// A general room (and a daily check-in) for every member who has been let in, a room for members
// past probation, and the moderators' own room (docs/chat.md).
const defaultRooms = [
  {
    slug: "lounge",
    names: { en: "Lounge", "zh-Hans": "休息室" },
    descriptions: { en: "The general room: talk about anything, gently.", "zh-Hans": "公共聊天室：随便聊聊，彼此温柔。" },
    access: "everyone" as const,
    position: 0,
  },
  {
    slug: "check-in",
    names: { en: "Daily check-in", "zh-Hans": "每日签到" },
    descriptions: { en: "How are you today? A word is enough.", "zh-Hans": "你今天怎么样？一句话就够了。" },
    access: "everyone" as const,
    position: 1,
  },
  {
    slug: "members",
    names: { en: "Members' room", "zh-Hans": "成员专区" },
    descriptions: { en: "For members past their first posts.", "zh-Hans": "给已经度过新成员期的成员。" },
    access: "members" as const,
    position: 2,
  },
  {
    slug: "moderators",
    names: { en: "Moderators' room", "zh-Hans": "版主室" },
    descriptions: { en: "Moderators and admins only.", "zh-Hans": "仅限版主和管理员。" },
    access: "moderators" as const,
    position: 3,
  },
];

export async function seedDefaults(db: Db) {
  await db
    .insert(forums)
    .values(defaultForums.map((f, position) => ({ ...f, position })))
    .onConflictDoNothing({ target: forums.slug });
  await db.insert(chatRooms).values(defaultRooms).onConflictDoNothing({ target: chatRooms.slug });
  await db
    .insert(settings)
    .values(Object.entries(defaultSettings).map(([key, value]) => ({ key, value })))
    .onConflictDoNothing({ target: settings.key });
}
