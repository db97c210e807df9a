import { randomBytes } from "node:crypto";
import { checkView } from "./block-kit-check";
import { fail, jsonField, str, type Answer, type Args, type MethodContext } from "./web-api-context";
import { randomId } from "./workspace-state";
import type { StoredView } from "./workspace-types";

const newHash = () => `${Math.floor(Date.now() / 1000)}.${randomBytes(6).toString("hex")}`;

/** A view as Slack answers it to the app: what the app sent, with its id, hash, state and owners. */
export function viewJson(stored: StoredView, ctx: MethodContext, rootId = stored.id, previousId: string | null = null): Record<string, unknown> {
  return {
    ...stored.view,
    id: stored.id,
    team_id: ctx.team.id,
    app_id: ctx.bot.appId,
    bot_id: ctx.bot.botId,
    hash: stored.hash,
    state: { values: {} },
    root_view_id: rootId,
    previous_view_id: previousId,
    private_metadata: stored.view.private_metadata ?? "",
    callback_id: stored.view.callback_id ?? "",
  };
}

/** The view of a call, checked as Slack checks it; the error answer when it is not a view Slack takes. */
function viewArg(args: Args, expected: "modal" | "home"): Record<string, unknown> | Answer {
  const view = jsonField(args.view);
  const problems = checkView(view);
  if (problems.length === 0 && (view as { type?: unknown }).type !== expected) problems.push(`[ERROR] must be ${expected} [json-pointer:/view/type]`);
  if (problems.length > 0) return fail("invalid_arguments", { response_metadata: { messages: problems } });
  return view as Record<string, unknown>;
}

const isAnswer = (value: object): value is Answer => "ok" in value && typeof value.ok === "boolean";

/** The person a trigger id was given to, if it may still open a view now; else Slack's error. */
function takeTrigger(args: Args, ctx: MethodContext): string | Answer {
  const trigger = ctx.state.triggers.get(String(args.trigger_id ?? ""));
  if (!trigger) return fail("invalid_trigger_id");
  if (trigger.used) return fail("exchanged_trigger_id");
  if (Date.now() - trigger.at > ctx.windowMs) return fail("expired_trigger_id");
  trigger.used = true;
  return trigger.user;
}

export function viewsMethod(method: string, args: Args, ctx: MethodContext): Answer | undefined {
  const { state } = ctx;
  if (!method.startsWith("views.")) return undefined;
  if (!ctx.keep) {
    const view = jsonField(args.view) as object;
    // View ids are unique across Slack, as the bot's idempotency keys assume: never a counter.
    return { ok: true, view: { ...view, id: str(args.view_id) ?? randomId("V"), hash: newHash() } };
  }
  switch (method) {
    case "views.open":
    case "views.push": {
      const view = viewArg(args, "modal");
      if (isAnswer(view)) return view;
      const user = takeTrigger(args, ctx);
      if (typeof user !== "string") return user;
      const stack = state.modalStack(user);
      if (method === "views.push" && stack.length === 0) return fail("not_found");
      if (method === "views.push" && stack.length >= 3) return fail("push_limit_reached");
      if (method === "views.open") stack.length = 0;
      const stored: StoredView = { id: randomId("V"), hash: newHash(), user, type: "modal", view };
      stack.push(stored);
      state.changed({ user });
      return { ok: true, view: viewJson(stored, ctx, stack[0]!.id, stack.at(-2)?.id ?? null) };
    }
    case "views.update": {
      const view = viewArg(args, "modal");
      const id = str(args.view_id);
      const stored = id ? state.findView(id) : [...state.modals.values()].flat().find((v) => v.view.external_id !== undefined && v.view.external_id === args.external_id);
      if (!stored || stored.type !== "modal") return fail("view_not_found");
      if (isAnswer(view)) return view;
      if (str(args.hash) && args.hash !== stored.hash) return fail("hash_conflict");
      stored.view = view;
      stored.hash = newHash();
      delete stored.errors;
      state.changed({ user: stored.user });
      const stack = state.modalStack(stored.user);
      return { ok: true, view: viewJson(stored, ctx, stack[0]?.id ?? stored.id) };
    }
    case "views.publish": {
      const view = viewArg(args, "home");
      if (isAnswer(view)) return view;
      const user = str(args.user_id);
      if (!user) return fail("user_not_found");
      state.ensurePerson(user);
      const home = state.homes.get(user);
      if (home && str(args.hash) && args.hash !== home.hash) return fail("hash_conflict");
      const stored: StoredView = { id: home?.id ?? randomId("V"), hash: newHash(), user, type: "home", view };
      state.saveHome(stored);
      return { ok: true, view: viewJson(stored, ctx) };
    }
    default:
      return fail("unknown_method");
  }
}
