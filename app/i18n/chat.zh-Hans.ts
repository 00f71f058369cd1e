import type { chatEn } from "./chat.en.ts";

export const chatZhHans: Record<keyof typeof chatEn, string> = {
  "chat.error.generic": "出了点问题，请再试一次。",
  "chat.error.invalid": "无法理解这个请求，请刷新页面。",
  "chat.error.tooFast": "你的操作太快了。请等 {seconds} 秒再试。",
  "chat.error.forbidden": "你不能在这里这样做。",
  "chat.error.notFound": "这个聊天室或消息已经不在了。",
  "chat.error.unavailable": "Hearth 暂时连不上数据库。没有丢失任何内容，请稍后再试。",
  "chat.error.signedOut": "你的会话已结束，请重新登录。",
};
