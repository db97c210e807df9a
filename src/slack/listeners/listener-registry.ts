import type { AnyMiddlewareArgs, Middleware } from "@slack/bolt";
import type { Args } from "./answer-in-words";

type Listener<A> = (args: A) => Promise<void>;

/** What a listener file registers on: the Bolt app's own `command`, `action`, `view` and `event`, by id. */
export interface ListenerApp {
  command<A extends Args>(command: string, listener: Listener<A>): void;
  action<A extends Args>(actionId: string, listener: Listener<A>): void;
  view<A extends Args>(callbackId: string, listener: Listener<A>): void;
  event<A extends Args>(eventType: string, listener: Listener<A>): void;
}

/**
 * The bot's listeners, registered as on Bolt's `App` and run by one global middleware that finds a
 * request's listener by its id. Bolt runs, for every request, the matching middleware of every
 * listener it has, each with its own copy of the arguments; with one map lookup instead the web
 * stays within its memory and latency budget (docs/performance.md, "The Bolt-style edge").
 */
export class ListenerRegistry implements ListenerApp {
  private readonly listeners = new Map<string, Listener<Args>>();

  command<A extends Args>(command: string, listener: Listener<A>): void {
    this.add(`command:${command}`, listener);
  }

  action<A extends Args>(actionId: string, listener: Listener<A>): void {
    this.add(`action:${actionId}`, listener);
  }

  view<A extends Args>(callbackId: string, listener: Listener<A>): void {
    this.add(`view:${callbackId}`, listener);
  }

  event<A extends Args>(eventType: string, listener: Listener<A>): void {
    this.add(`event:${eventType}`, listener);
  }

  /** The global middleware: the request's listener, or the next middleware when none takes it. */
  dispatch(): Middleware<AnyMiddlewareArgs> {
    return async (args) => {
      const key = keyOf(args as Args);
      const listener = key === undefined ? undefined : this.listeners.get(key);
      if (listener) await listener(args as Args);
      else await args.next();
    };
  }

  private add<A extends Args>(key: string, listener: Listener<A>): void {
    if (this.listeners.has(key)) throw new Error(`two Slack listeners for ${key}`);
    this.listeners.set(key, listener as Listener<Args>);
  }
}

/** The id Bolt would match a request's listener by: as `app.action` (block actions), `app.view` (submissions), `app.command`, `app.event`. */
function keyOf(args: Args): string | undefined {
  const body = args.body as { type?: string };
  if ("command" in args) return `command:${args.command.command}`;
  if ("event" in args) return `event:${args.event.type}`;
  if (body.type === "block_actions" && "action" in args) return `action:${(args.action as { action_id?: string }).action_id}`;
  if (body.type === "view_submission" && "view" in args) return `view:${args.view.callback_id}`;
  return undefined;
}
