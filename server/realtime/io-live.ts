// The Live port on this process's socket.io server: through the adapter, it reaches every node.
import type { Live } from "#server/live.ts";
import type { HearthIo } from "./io.ts";
import { applyLiveCommand, liveFrom } from "./live-commands.ts";

export function createIoLive(io: HearthIo): Live {
  return liveFrom(async (command) => applyLiveCommand(io, command)) as Live;
}
