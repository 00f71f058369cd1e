// /chat/:roomSlug: a room. Without JavaScript, the latest messages and a form to post (reload for
// new ones); with it, the same page joins the room over the page's socket and stays live.
import { Link } from "react-router";
import type { Route } from "./+types/chat-room";
import { ChatComposer } from "#app/components/chat/chat-composer.tsx";
import { ErrorSummary } from "#app/components/form-parts.tsx";
import type { ChatFormState } from "#app/components/chat/chat-form-state.ts";
import { MessageList } from "#app/components/chat/message-list.tsx";
import { RoomControls } from "#app/components/chat/room-controls.tsx";
import { ConnectionStatus, Presence, Typing } from "#app/components/chat/room-status.tsx";
import { useHydrated } from "#app/components/chat/use-hydrated.ts";
import { useLiveRoom } from "#app/components/chat/use-live-room.ts";
import type { MessageKey } from "#app/i18n/catalog.ts";
import { useT } from "#app/i18n/use-t.ts";
import { useLiveStatus } from "#app/lib/live-socket.ts";
import { forwardHeaders } from "#app/lib/route-headers.ts";
import chatStyles from "../styles/chat.css?url";
import { chatRoomAction } from "./chat-act.server.ts";
import { loadRoom } from "./chat-room-load.server.ts";
import { PageTitle } from "#app/components/page-title.tsx";

export async function loader({ context, params, request }: Route.LoaderArgs) {
  return loadRoom(context, params.roomSlug, request);
}

export async function action({ context, params, request }: Route.ActionArgs) {
  return chatRoomAction(context, params.roomSlug, request);
}

export const headers = forwardHeaders;

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: chatStyles }];

export default function ChatRoom(props: Route.ComponentProps) {
  // One room's live state per room: moving to another room starts afresh.
  return <Room key={props.loaderData.room.slug} {...props} />;
}

function Room({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { room, moderator, me } = loaderData;
  const hydrated = useHydrated();
  const status = useLiveStatus(hydrated);
  const live = useLiveRoom(room.slug, me, loaderData);
  const { model } = live;
  const failed = actionData && "intent" in actionData ? (actionData as ChatFormState) : null;
  const canWrite = live.canWrite ?? loaderData.write.can;
  const why = canWrite
    ? null
    : !loaderData.write.can
      ? t(loaderData.write.why, loaderData.whyParams)
      : model.state.locked && !moderator
        ? t("chat.ui.locked")
        : t("chat.ui.cannotWrite");
  return (
    <section className="panel chat-room">
      <PageTitle>{`${room.name} · ${t("chat.title")} · ${t("site.name")}`}</PageTitle>
      <p className="breadcrumb">
        <Link to="/chat">{t("chat.ui.allRooms")}</Link>
      </p>
      <h1>{room.name}</h1>
      {room.description ? <p>{room.description}</p> : null}
      <RoomNotices done={loaderData.done} notice={loaderData.notice} state={model.state} moderator={moderator} />
      {failed && failed.intent !== "send" ? <ErrorSummary state={failed} idFor={null} /> : null}
      {hydrated ? <ConnectionStatus status={status} /> : null}
      <Presence presence={live.presence} />
      <MessageList
        room={room.slug}
        roomName={room.name}
        me={me}
        messages={model.messages}
        pending={model.pending}
        arrivals={live.arrivals}
        reports={loaderData.reports}
        moderator={moderator}
      />
      {hydrated ? <Typing typing={live.typing} /> : null}
      {canWrite ? (
        <ChatComposer
          room={room.slug}
          clientId={loaderData.clientId}
          state={failed?.intent === "send" ? failed : null}
          live={hydrated ? { send: live.send, typed: live.typed, refused: model.refused, notice: live.notice } : null}
        />
      ) : (
        <p className="notice chat-read-only" id="chat-read-only">
          {why}
        </p>
      )}
      {moderator ? <RoomControls room={room.slug} state={model.state} /> : null}
    </section>
  );
}

function RoomNotices(props: { done: string | null; notice: MessageKey | null; state: { locked: boolean; slowModeSeconds: number }; moderator: boolean }) {
  const t = useT();
  return (
    <>
      {props.done ? (
        <p role="status" className="notice">
          {t(`chat.ui.done.${props.done}` as MessageKey)}
        </p>
      ) : null}
      {props.notice ? (
        <p role="status" className="notice-image">
          {t(props.notice)}
        </p>
      ) : null}
      {/* Members read why in place of the composer. */}
      {props.state.locked && props.moderator ? <p className="notice">{t("chat.ui.lockedModerator")}</p> : null}
      {props.state.slowModeSeconds > 0 ? <p className="notice">{t("chat.ui.slowMode", { count: props.state.slowModeSeconds })}</p> : null}
    </>
  );
}
