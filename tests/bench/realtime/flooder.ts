// The chat benchmark's flooding member, in a process of its own (tests/bench/chat.ts steers it
// over IPC), written as a hostile script would be: `rate` chat:send a second over one session,
// answers or not, and whenever the server closes the socket or refuses it, a new connection
// 100 ms later, for as long as the run lasts.
import { randomUUID } from "node:crypto";
import { io, type Socket } from "socket.io-client";

export type FloodCommand = { type: "start"; url: string; cookie: string; room: string; rate: number } | { type: "stop" } | { type: "exit" };

const counts = { sent: 0, ok: 0, tooFast: 0, other: 0, connected: 0, closedByServer: 0, connectRefused: 0 };
let socket: Socket | null = null;
let running = false;
let sender: NodeJS.Timeout | null = null;
const tooFast = /too fast|太快/;

function open(url: string, cookie: string, room: string) {
  if (!running) return;
  const s = io(url, { transports: ["websocket"], extraHeaders: { cookie, origin: url }, reconnection: false, forceNew: true });
  socket = s;
  s.once("connect", () => {
    counts.connected++;
    s.emit("chat:join", { room }, () => {});
  });
  s.once("connect_error", () => {
    counts.connectRefused++;
    setTimeout(() => open(url, cookie, room), 100);
  });
  s.once("disconnect", (reason) => {
    if (reason === "io server disconnect") counts.closedByServer++;
    setTimeout(() => open(url, cookie, room), 100);
  });
}

function start(command: Extract<FloodCommand, { type: "start" }>) {
  running = true;
  open(command.url, command.cookie, command.room);
  sender = setInterval(() => {
    if (!socket?.connected) return;
    counts.sent++;
    socket.emit("chat:send", { room: command.room, clientId: randomUUID(), body: `flood ${counts.sent}` }, (answer: { ok: boolean; error?: string }) => {
      if (answer.ok) counts.ok++;
      else if (tooFast.test(answer.error ?? "")) counts.tooFast++;
      else counts.other++;
    });
  }, 1000 / command.rate);
}

process.on("message", async (command: FloodCommand) => {
  if (command.type === "start") {
    start(command);
    process.send!({ type: "started" });
  } else if (command.type === "stop") {
    running = false;
    if (sender) clearInterval(sender);
    await new Promise((resolve) => setTimeout(resolve, 500));
    socket?.disconnect();
    process.send!({ ...counts, cpuMs: Math.round((process.cpuUsage().user + process.cpuUsage().system) / 1000) });
  } else process.exit(0);
});
