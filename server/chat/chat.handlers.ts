// Chat's socket events (docs/chat.md). Filled in by the chat capability.
import type { HandlerDeps, HearthSocket } from "#server/realtime/handle.ts";
import type { HearthIo } from "#server/realtime/io.ts";

export function chatHandlers(_deps: HandlerDeps, _socket: HearthSocket, _io: HearthIo) {}
