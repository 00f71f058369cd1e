// Live thread pages' socket events (docs/realtime.md). Filled in by the live-pages work.
import type { HandlerDeps, HearthSocket } from "./handle.ts";

export function threadHandlers(_deps: HandlerDeps, _socket: HearthSocket) {}
