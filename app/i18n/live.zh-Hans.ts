import type { liveEn } from "./live.en.ts";

export const liveZhHans: Record<keyof typeof liveEn, string> = {
  "live.reconnecting": "正在重新连接…",
  "live.newReplies": "{count, plural, other {有 # 条新回复，点此查看}}",
  "live.newRepliesElsewhere": "{count, plural, other {最后一页有 # 条新回复}}",
  "live.postGone": "这条帖子已不再显示。",
  "live.queueChanged": "自你打开此页面以来，处理队列有了变化。",
  "live.queueShow": "查看最新队列",
};
