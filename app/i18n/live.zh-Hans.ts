import type { liveEn } from "./live.en.ts";

export const liveZhHans: Record<keyof typeof liveEn, string> = {
  "live.reconnecting": "正在重新连接…",
};
