import type { holdsEn } from "./holds.en.ts";

export const holdsZhHans: Record<keyof typeof holdsEn, string> = {
  "holds.blocked": "这条内容无法在这里发布：其中有本社区不允许使用的词语。你写的文字还保留在输入框里，可以修改后再发。",
  "holds.waiting": "你的帖子已保存，正在等待版主审核。审核之前只有你自己能看到。新成员的前几条帖子，以及含有联系方式、地址或图片链接的帖子，都会先经过审核。",
  "holds.editWaiting": "你的修改已保存，正在等待版主审核。审核之前只有你自己能看到这条帖子。",
  "holds.threadWaiting": "这个主题正在等待版主审核，目前只有你自己能看到。",
  "holds.noReplyWhileWaiting": "版主审核通过这个主题之后，你就可以继续回复了。",
};
