// The action every moderation page shares: run the form's intent through
// services.moderation.act (or, for a chat message, services.chat.moderateFromForm), then back to the same page (filters kept) with a "done" notice; a
// refusal is shown on the page (400), a target outside the moderator's forums is a 404.
import { redirect, type RouterContextProvider } from "react-router";
import { servicesContext } from "#app/context.ts";
import { requireMember } from "#app/lib/auth.server.ts";
import { formFailure } from "#app/lib/form-result.server.ts";
import { orNotFound } from "#app/lib/not-found.server.ts";
import { readForm } from "#app/lib/read-form.server.ts";

export async function moderationAction(context: Readonly<RouterContextProvider>, request: Request) {
  const visitor = requireMember(context);
  const form = await readForm(request);
  try {
    const services = context.get(servicesContext);
    // A chat message's item (its room and public id) is acted on by the chat service.
    const intent = await orNotFound(() =>
      form.get("intent") === "removeMessage" ? services.chat.moderateFromForm(visitor.member, form) : services.moderation.act(visitor.member, form),
    );
    const url = new URL(request.url);
    url.searchParams.delete("done");
    url.searchParams.delete("index");
    url.searchParams.set("done", intent);
    return redirect(`${url.pathname}${url.search}`, 303);
  } catch (err) {
    return formFailure(err, {});
  }
}
