import type { IncomingMessage, ServerResponse } from "node:http";

export interface Route {
  method: "GET" | "POST" | "PUT" | "DELETE";
  /** An exact path, or a prefix when it ends with `/*` (the prefix itself and everything under it). */
  path: string;
  handler: (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
  res.end(JSON.stringify(body));
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A route's path as express matches it: a prefix route as a pattern for the prefix and what is under it. */
export function expressPath(path: string): string | RegExp {
  return path.endsWith("/*") ? new RegExp(`^${escapeRegExp(path.slice(0, -2))}(?:/.*)?$`) : path;
}
