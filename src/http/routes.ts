import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";

export interface Route {
  method: "GET" | "POST" | "PUT" | "DELETE";
  /** An exact path, or a prefix when it ends with `/*`. */
  path: string;
  handler: (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
  res.end(JSON.stringify(body));
}

function matches(route: Route, method: string, path: string): boolean {
  if (route.method !== method) return false;
  return route.path.endsWith("/*") ? path === route.path.slice(0, -2) || path.startsWith(route.path.slice(0, -1)) : path === route.path;
}

/**
 * Our own routes first; everything else goes to `fallback` (the Slack receiver in HTTP mode, which
 * serves /slack/events and answers 404 to the rest). A handler that throws answers 500 without
 * taking the process down.
 */
export function routeRequests(routes: Route[], fallback: RequestListener | undefined, onError: (error: unknown) => void): RequestListener {
  return (req, res) => {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    const route = routes.find((r) => matches(r, req.method ?? "GET", path));
    if (!route) {
      if (!fallback) return sendJson(res, 404, { error: "not_found" });
      try {
        return fallback(req, res);
      } catch (error) {
        onError(error);
        if (!res.headersSent) sendJson(res, 500, { error: "internal_error" });
        return;
      }
    }
    Promise.resolve()
      .then(() => route.handler(req, res))
      .catch((error: unknown) => {
        onError(error);
        if (!res.headersSent) sendJson(res, 500, { error: "internal_error" });
        else res.end();
      });
  };
}
