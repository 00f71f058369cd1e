// Generated pseudonym ideas, so nobody reaches for a name that is also used elsewhere.
import { randomInt } from "node:crypto";

const EN_FIRST = [
  "Quiet",
  "Gentle",
  "Steady",
  "Bright",
  "Calm",
  "Brave",
  "Kind",
  "Silver",
  "Amber",
  "Misty",
  "Early",
  "Warm",
  "Soft",
  "Clear",
  "Hidden",
  "Patient",
];
const EN_SECOND = [
  "Willow",
  "Harbor",
  "Lantern",
  "Meadow",
  "River",
  "Sparrow",
  "Cedar",
  "Pebble",
  "Fern",
  "Heron",
  "Maple",
  "Tide",
  "Ember",
  "Orchard",
  "Robin",
  "Moss",
];
const ZH_FIRST = ["安静的", "温柔的", "勇敢的", "明亮的", "晨光", "微风", "远方的", "柔和的", "坚定的", "清澈的", "温暖的", "小小的"];
const ZH_SECOND = ["柳树", "港湾", "灯笼", "草地", "小河", "麻雀", "松树", "石子", "蕨叶", "白鹭", "枫叶", "月光"];

function pick<T>(list: readonly T[]): T {
  return list[randomInt(list.length)]!;
}

export function pseudonymIdeas(count = { en: 3, zh: 2 }): string[] {
  const ideas = new Set<string>();
  while (ideas.size < count.en) ideas.add(`${pick(EN_FIRST)}${pick(EN_SECOND)}${randomInt(10, 100)}`);
  while (ideas.size < count.en + count.zh) ideas.add(`${pick(ZH_FIRST)}${pick(ZH_SECOND)}`);
  return [...ideas];
}
