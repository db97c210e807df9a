import type { WorkspaceState } from "./workspace-state";

export type Answer = Record<string, unknown> & { ok: boolean };
export type Args = Record<string, unknown>;

/** What a Web API method needs besides its arguments. */
export interface MethodContext {
  state: WorkspaceState;
  /** Where the workspace is reached (file URLs are on it). */
  baseUrl: string;
  bot: { userId: string; botId: string; appId: string };
  team: { id: string; name: string; domain: string };
  /** How long a trigger id can open a view (Slack: 3 s). */
  windowMs: number;
  /** False: answer as Slack does but keep nothing and check nothing (a benchmark's load). */
  keep: boolean;
}

export const fail = (error: string, extra: Args = {}): Answer => ({ ok: false, error, ...extra });

/** A field Slack takes as JSON text in a form, or as JSON in a JSON body. */
export function jsonField(value: unknown): unknown {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

export const str = (value: unknown): string | undefined => (typeof value === "string" && value !== "" ? value : undefined);
