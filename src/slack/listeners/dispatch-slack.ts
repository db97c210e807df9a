import type { AllMiddlewareArgs, AnyMiddlewareArgs, Middleware } from "@slack/bolt";

/** A Bolt listener for its own kind of request (its arguments typed for that kind): any will do here. */
type Handler = (args: never) => Promise<void>;

/** The bot's handlers, by the id Slack sends with each kind of request. */
export interface SlackRoutes {
  /** view_submission, by the view's callback_id. */
  views: Record<string, Handler>;
  /** block_actions, by the (first) action's action_id. */
  actions: Record<string, Handler>;
  /** Slash commands, by the command as typed (`/refund`). */
  commands: Record<string, Handler>;
  /** Events API events, by the event's type. */
  events: Record<string, Handler>;
}

type Args = AnyMiddlewareArgs & AllMiddlewareArgs;

export interface DispatchOptions {
  /** Answers a request no handler takes. @defaultValue passes it on to Bolt (`next`) */
  untaken?: (args: Args) => Promise<void>;
  /** Runs a handler (with a deadline, say). @defaultValue calls it */
  run?: (handler: Handler, args: Args) => Promise<void>;
}

/** The kind and id a request is routed by, read as Bolt's own listener constraints read them. */
function routeOf(args: Args): [keyof SlackRoutes, string] | undefined {
  const body = args.body as { type?: unknown; command?: unknown };
  if ("view" in args && body.type === "view_submission") return ["views", args.view.callback_id];
  if ("action" in args && body.type === "block_actions") return ["actions", (args.action as { action_id?: string }).action_id ?? ""];
  if ("command" in args && typeof body.command === "string") return ["commands", body.command];
  if ("event" in args) return ["events", args.event.type];
  return undefined;
}

/**
 * One global middleware, in place of a Bolt listener per surface: it hands each request to the
 * handler for its kind and id. Bolt runs, for every request, the middleware of every registered
 * listener, and each middleware call copies the arguments with `{ ...args, next, ... }`, which Node
 * 20's V8 allocates straight in old space: with 17 listeners, 33 KB of old space per request; with
 * 4 (one per surface), still 9 KB, the most of what the web promoted, and its full collections
 * came every 2 s at 300 requests/s, when the answers waited. A request no handler takes is answered
 * by `options.untaken` (else it goes on to Bolt), and each handler runs through `options.run`.
 */
export function dispatchSlack(routes: SlackRoutes, options: DispatchOptions = {}): Middleware<AnyMiddlewareArgs> {
  const table = {
    views: new Map(Object.entries(routes.views)),
    actions: new Map(Object.entries(routes.actions)),
    commands: new Map(Object.entries(routes.commands)),
    events: new Map(Object.entries(routes.events)),
  };
  return async (args) => {
    const route = routeOf(args);
    const handler = route && table[route[0]].get(route[1]);
    if (!handler) return options.untaken ? options.untaken(args) : args.next();
    // The route was read from the request's kind: these are the arguments the handler's kind has.
    if (options.run) await options.run(handler, args);
    else await handler(args as never);
  };
}
