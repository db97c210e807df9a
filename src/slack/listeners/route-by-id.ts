/**
 * One Bolt listener per surface, which hands each request to the handler for its id. Bolt runs the
 * middleware of every registered listener for every request, and each middleware call copies the
 * arguments with `{ ...args, next, ... }`, which Node 20's V8 allocates straight in old space: with
 * a listener per id (17), 33 KB of old space per request (4.6 KB with one listener), and in the web
 * a full garbage collection about every second at 300 requests/s, when the answers waited.
 */
export interface IdRoutes<Args> {
  /** Matches exactly the ids routed: the constraint Bolt checks before our handler runs. */
  pattern: RegExp;
  handle(args: Args): Promise<void>;
}

export function routeById<Args>(idOf: (args: Args) => string, handlers: Record<string, (args: Args) => Promise<void>>): IdRoutes<Args> {
  const byId = new Map(Object.entries(handlers));
  return {
    pattern: new RegExp(`^(?:${[...byId.keys()].map(escapeRegExp).join("|")})$`),
    // The pattern lets only routed ids through.
    handle: (args) => byId.get(idOf(args))!(args),
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}
