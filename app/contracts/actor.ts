// Who is acting, as server/authz/policy.ts decides about them: the signed-in member's role,
// standing and forum scope. Types only, shared by the server and the pages.
export type Role = "member" | "moderator" | "admin";
export type MemberStatus = "active" | "suspended" | "waiting" | "banned";

export interface Actor {
  id: string;
  role: Role;
  status: MemberStatus;
  /** When a suspension ends (status `suspended`); past it, the member is active again. */
  suspendedUntil: Date | null;
  /** Posting paused after repeated image attempts, until a moderator decides. */
  postingPaused: boolean;
  /** Forums a moderator moderates; null means every forum (and for members and admins). */
  moderatedForums: string[] | null;
}
