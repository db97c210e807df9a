import type { ServerResponse } from "node:http";
import { exampleIntakeBody, type CustomerIntake } from "./customer-panel";
import { sendJson, type WorkspaceRoute } from "./http-helpers";
import type { LocalWorkspace } from "./local-workspace";
import { pageActionRoutes, userId } from "./page-action-routes";
import { PAGE_HTML, pageAssets } from "./page-assets";
import { snapshotFor } from "./snapshot";

export interface PageOptions {
  /** Where the routes are mounted. */
  prefix?: string;
  /** Where the customer panel sends (absent: the panel is off). */
  intake?: CustomerIntake;
  /** The bot's address as the person should see it (in the customer panel's curl). */
  shownBaseUrl?: () => string;
}

/** What the page reads: itself, a snapshot of what the person sees, live changes (server-sent events), a file. */
function pageReadRoutes(ws: LocalWorkspace, options: PageOptions, streams: Set<ServerResponse>): WorkspaceRoute[] {
  const p = options.prefix ?? "";
  return [
    { method: "GET", path: `${p}/`, handler: (_req, res) => void res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" }).end(PAGE_HTML) },
    { method: "GET", path: `${p}/workspace/app.js`, handler: async (_req, res) => void res.writeHead(200, { "content-type": "text/javascript; charset=utf-8" }).end((await pageAssets()).js) },
    { method: "GET", path: `${p}/workspace/app.css`, handler: async (_req, res) => void res.writeHead(200, { "content-type": "text/css; charset=utf-8" }).end((await pageAssets()).css) },
    {
      method: "GET",
      path: `${p}/workspace/state`,
      handler: (req, res) => {
        const as = userId.safeParse(new URL(req.url ?? "/", "http://x").searchParams.get("as"));
        sendJson(res, 200, snapshotFor(ws, as.success ? as.data : undefined, { customer: Boolean(options.intake), example: exampleIntakeBody() }));
      },
    },
    {
      method: "GET",
      path: `${p}/workspace/events`,
      handler: (req, res) => {
        res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-store", connection: "keep-alive" });
        res.write(`retry: 1000\ndata: ${JSON.stringify({ revision: ws.state.revision })}\n\n`);
        streams.add(res);
        const keepAlive = setInterval(() => res.write(": keep-alive\n\n"), 20_000);
        req.on("close", () => {
          clearInterval(keepAlive);
          streams.delete(res);
        });
      },
    },
    {
      method: "GET",
      path: `${p}/workspace/files/*`,
      handler: (req, res) => {
        const file = ws.state.files.get((req.url ?? "").split("?")[0]!.split("/").pop() ?? "");
        if (!file) return sendJson(res, 404, { error: "file_not_found" });
        res.writeHead(200, { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${file.name.replaceAll('"', "")}"` }).end(file.content);
      },
    },
  ];
}

/**
 * The page people use the workspace through, and what it calls: a snapshot of what the person
 * sees, live changes (server-sent events), and their actions, each carried out as Slack would.
 * Paths are relative to where the routes are mounted (`prefix`).
 */
export function pageRoutes(ws: LocalWorkspace, options: PageOptions = {}): { routes: WorkspaceRoute[]; endStreams(): void } {
  const streams = new Set<ServerResponse>();
  ws.state.onChange((change) => {
    for (const res of streams) res.write(`data: ${JSON.stringify(change)}\n\n`);
  });
  const routes = [...pageReadRoutes(ws, options, streams), ...pageActionRoutes(ws, options)];
  // A stopping process ends the live streams first: an open page must not hold up its shutdown.
  const endStreams = () => {
    for (const res of streams) res.end();
    streams.clear();
  };
  return { routes, endStreams };
}
