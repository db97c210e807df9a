import type { IncomingMessage, ServerResponse } from "node:http";

/** A route as the bot's HTTP layer mounts it: an exact path, or a prefix ending in `/*`. */
export interface WorkspaceRoute {
  method: "GET" | "POST" | "PUT" | "DELETE";
  path: string;
  handler: (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;
}

/** Bodies people's pages and the bot send here are small; anything larger is refused. */
const MAX_BODY_BYTES = 4 * 1024 * 1024;

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) return req.destroy(new Error("body too large"));
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/** The form fields Slack's clients send as JSON text. */
const JSON_FIELDS = new Set(["blocks", "attachments", "view", "metadata", "files"]);

/** A Web API body, JSON or a form (its JSON fields parsed, as Slack reads them). */
export function parseApiBody(raw: string, contentType = ""): Record<string, unknown> {
  if (!raw) return {};
  if (contentType.includes("application/json")) {
    const parsed: unknown = JSON.parse(raw);
    return typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>) : {};
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) out[key] = JSON_FIELDS.has(key) ? jsonText(value) : value;
  return out;
}

function jsonText(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) return void res.end();
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
  res.end(JSON.stringify(body));
}

export function matchRoute(routes: readonly WorkspaceRoute[], method: string, path: string): WorkspaceRoute | undefined {
  return routes.find((r) => r.method === method && (r.path.endsWith("/*") ? path.startsWith(r.path.slice(0, -1)) : path === r.path));
}
