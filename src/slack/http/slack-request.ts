import type { IncomingMessage } from "node:http";

/** A request to /slack/events once its body is read (`rawBody`) and, once signed and dispatchable, parsed (`body`). */
export type SlackHttpRequest = IncomingMessage & { rawBody?: Buffer; body?: Record<string, unknown> };

export function headerOf(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === "string" ? value : undefined;
}

/** The request's body as text (read by `readSlackBody` before any check that needs it). */
export const bodyText = (req: SlackHttpRequest): string => req.rawBody?.toString("utf8") ?? "";
