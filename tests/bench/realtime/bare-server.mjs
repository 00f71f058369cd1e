// A bare socket.io server doing what Hearth does for a chat message, minus everything else:
// the same events, the same acknowledgement, the same broadcast of a message of the same shape to
// everyone in the room. No database, no authentication, no limits: the ceiling to compare with.
// Plain JavaScript run with plain node, as Hearth's build is.
import { createServer } from "node:http";
import { Server } from "socket.io";

const http = createServer();
const io = new Server(http, { serveClient: false, maxHttpBufferSize: 64 * 1024 });
let seq = 0;
io.on("connection", (socket) => {
  socket.on("chat:join", (req, ack) => {
    socket.join(`room:${req.room}`);
    ack({ ok: true, messages: [], state: { room: req.room, locked: false, slowModeSeconds: 0 }, canWrite: true });
  });
  socket.on("chat:send", (req, ack) => {
    seq += 1;
    const message = { id: String(seq).padStart(12, "0"), room: req.room, author: "Bare", body: String(req.body).trim(), createdAt: new Date().toISOString() };
    ack({ ok: true, id: message.id });
    io.to(`room:${req.room}`).emit("chat:message", message);
  });
});
http.listen(0, "127.0.0.1", () => console.log(`bare socket.io at http://127.0.0.1:${http.address().port}`));
