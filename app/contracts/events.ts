// The socket.io contract, typed once and shared by server and client. Event names are
// `domain:verb`; acknowledgements carry a Result.
export type Result<T> = { ok: true; data: T } | { ok: false; error: string };

export interface ServerToClientEvents {
  /** This connection's session was ended (sign-out, passphrase change, revocation). */
  "session:ended": () => void;
  /** Something new for this member (a mention): the header's unread count should be read again. */
  "notifications:new": () => void;
}

export interface ClientToServerEvents {
  "session:check": (ack: (result: Result<{ pseudonym: string }>) => void) => void;
}

export interface SocketData {
  memberId: string;
  pseudonym: string;
  sessionId: string;
}
