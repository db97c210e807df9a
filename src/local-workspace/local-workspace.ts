import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { CallLog } from "./call-log";
import { matchRoute, parseApiBody, readBody, sendJson, type WorkspaceRoute } from "./http-helpers";
import type { PayloadSource } from "./payloads";
import { applyResponse, newHook } from "./response-url";
import { answerMethod } from "./web-api";
import type { MethodContext } from "./web-api-context";
import { randomId, WorkspaceState, type StateListener } from "./workspace-state";
import type { Channel, Person, ResponseHook, SlackCall, SlackFault } from "./workspace-types";

export interface LocalWorkspaceOptions {
  /** The bot token the Web API takes (anything else: `invalid_auth`). */
  botToken?: string;
  /** The signing secret people's actions are signed with: the bot's SLACK_SIGNING_SECRET. */
  signingSecret?: string;
  team?: { id: string; name: string; domain: string };
  bot?: { userId: string; botId: string; appId: string; name: string };
  people?: Person[];
  channels?: Channel[];
  userGroups?: Record<string, string[]>;
  /** Keep every call in `calls` (tests); a benchmark turns it off and listens with `onCall`. */
  record?: boolean;
  onCall?: (call: SlackCall) => void;
  /**
   * False: answer every call as Slack does but keep no message or view and check nothing, so that
   * a benchmark's load costs what it did against a plain stand-in. @defaultValue true
   */
  keep?: boolean;
  /** Slack's 3 seconds: how long a trigger id can open a view, and how long the bot may take to answer an action. @defaultValue 3 000 ms */
  windowMs?: number;
  /** Told of every message, home and file kept (the Postgres archive). */
  archive?: StateListener;
}

/**
 * A Slack workspace on this machine: the Web API the bot calls (`/api/<method>`, answered from the
 * workspace's own messages, views and files, errors included), response URLs, file uploads and
 * downloads; and the people who use it, whose commands, clicks and submissions reach the bot as
 * signed requests (see `people-actions.ts`). The same workspace serves the browser page (no Slack
 * app configured) and the tests, which also read its call log and play faults on it.
 */
export class LocalWorkspace {
  readonly state: WorkspaceState;
  readonly log: CallLog;
  readonly botToken: string;
  readonly signingSecret: string;
  readonly team: { id: string; name: string; domain: string };
  readonly bot: { userId: string; botId: string; appId: string; name: string };
  readonly keep: boolean;
  readonly windowMs: number;
  /** Where the workspace is reached: file and response URLs are made on it. */
  baseUrl = "";
  /** The bot's /slack/events, where people's actions go. */
  eventsUrl = "";
  /** Content of the files the bot uploaded, by file id. */
  readonly uploads = new Map<string, string>();
  private server?: Server;

  constructor(options: LocalWorkspaceOptions = {}) {
    this.botToken = options.botToken ?? "xoxb-local-workspace";
    this.signingSecret = options.signingSecret ?? "local-workspace-signing-secret";
    this.team = options.team ?? { id: "T0LOCAL", name: "Refund Desk (local)", domain: "local" };
    this.bot = options.bot ?? { userId: "U0BOT", botId: "B0BOT", appId: "A0LOCAL", name: "Refund Desk" };
    this.keep = options.keep ?? true;
    this.windowMs = options.windowMs ?? 3_000;
    this.state = new WorkspaceState(options.archive);
    this.log = new CallLog({ ...(options.record !== undefined ? { record: options.record } : {}), ...(options.onCall ? { onCall: options.onCall } : {}) });
    this.state.people.set(this.bot.userId, { id: this.bot.userId, name: "refund-desk", realName: this.bot.name, title: "App", locale: "en-US", tz: "UTC", isBot: true });
    for (const person of options.people ?? []) this.state.people.set(person.id, person);
    for (const channel of options.channels ?? []) this.state.channels.set(channel.id, channel);
    for (const [group, members] of Object.entries(options.userGroups ?? {})) this.state.userGroups.set(group, members);
  }

  /** The value for SLACK_API_URL. */
  get apiUrl(): string {
    return `${this.baseUrl}/api/`;
  }

  get source(): PayloadSource {
    return { team: { id: this.team.id, domain: this.team.domain }, appId: this.bot.appId };
  }

  get calls(): SlackCall[] {
    return this.log.calls;
  }

  get faultsPlayed(): Record<string, number> {
    return this.log.faultsPlayed;
  }

  get pendingFaults(): number {
    return this.log.pendingFaults;
  }

  get userGroups(): Map<string, string[]> {
    return this.state.userGroups;
  }

  get channelMembers(): Map<string, string[]> {
    return this.state.channelMembers;
  }

  failNext(method: string, fault: SlackFault, times = 1, when?: (body: Record<string, unknown>) => boolean): void {
    this.log.failNext(method, fault, times, when);
  }

  holdNext(method: string, when?: (body: Record<string, unknown>) => boolean): () => void {
    return this.log.holdNext(method, when);
  }

  callsTo(method: string): SlackCall[] {
    return this.log.callsTo(method);
  }

  waitFor(predicate: (call: SlackCall) => boolean, timeoutMs = 15_000, what = "a matching Slack call"): Promise<SlackCall> {
    return this.log.waitFor(predicate, timeoutMs, what);
  }

  /** A response URL that answers into `context` (a channel and person; a message for a click). */
  responseUrl(id = randomId("R", 16), context: Omit<ResponseHook, "uses" | "until"> = {}): string {
    this.state.hooks.set(id, newHook(context));
    return `${this.baseUrl}/response/${id}`;
  }

  /** A file as if a person had uploaded it (a file_input's file); returns its id. */
  hostFile(name: string, content: string, user = "U0AGENT"): string {
    const id = randomId("F");
    this.state.saveFile({ id, name, title: name, content, user });
    return id;
  }

  /** The Slack side of the workspace: what the bot calls. Mounted beside the bot's own routes, or served by `start`. */
  slackRoutes(): WorkspaceRoute[] {
    const handler = (req: IncomingMessage, res: ServerResponse) => this.handleSlack(req, res);
    return [
      { method: "POST", path: "/api/*", handler },
      { method: "GET", path: "/api/*", handler },
      { method: "POST", path: "/response/*", handler },
      { method: "GET", path: "/files/*", handler },
      { method: "POST", path: "/upload/*", handler },
      { method: "PUT", path: "/upload/*", handler },
    ];
  }

  /** Serves `routes` (default the Slack side) on a loopback port of its own: tests and benchmarks. */
  async start(routes: WorkspaceRoute[] = this.slackRoutes(), port = 0, host = "127.0.0.1"): Promise<string> {
    this.server = createServer((req, res) => {
      const route = matchRoute(routes, req.method ?? "GET", (req.url ?? "/").split("?")[0]!);
      if (!route) return sendJson(res, 404, { ok: false, error: "unknown_path" });
      Promise.resolve(route.handler(req, res)).catch(() => sendJson(res, 500, { ok: false, error: "internal_error" }));
    });
    // Many keep-alive sockets from the bot: never let the workspace be the bottleneck.
    this.server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => this.server!.listen(port, host, resolve));
    this.baseUrl = `http://${host}:${(this.server.address() as AddressInfo).port}`;
    return this.baseUrl;
  }

  async stop(): Promise<void> {
    this.log.releaseAll();
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  methodContext(): MethodContext {
    return { state: this.state, baseUrl: this.baseUrl, bot: this.bot, team: this.team, windowMs: this.windowMs, keep: this.keep };
  }

  private async handleSlack(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = (await readBody(req)).toString("utf8");
    const path = (req.url ?? "/").split("?")[0]!;
    const bearer = (req.headers.authorization ?? "").replace(/^Bearer /, "");
    if (path.startsWith("/upload/")) return this.receiveUpload(path.slice("/upload/".length), raw, req.headers["content-type"], res);
    if (path.startsWith("/files/")) return this.serveFile(path.slice("/files/".length), bearer, res);
    if (path.startsWith("/response/")) return this.receiveResponse(path.slice("/response/".length), raw, req.headers["content-type"], res);
    const method = path.slice("/api/".length);
    let body: Record<string, unknown>;
    try {
      const query = (req.url ?? "").includes("?") ? Object.fromEntries(new URL(req.url ?? "/", "http://x").searchParams) : {};
      body = { ...query, ...parseApiBody(raw, req.headers["content-type"]) };
    } catch {
      return sendJson(res, 200, { ok: false, error: "invalid_json" });
    }
    const token = bearer || (typeof body.token === "string" ? body.token : undefined);
    const call: SlackCall = { method, body, ...(token ? { token } : {}), at: Date.now() };
    this.log.record(call);
    const gate = this.log.heldBy(method, body);
    if (gate) await gate;
    const fault = this.log.takeFault(method, body);
    if (fault) {
      if ("error" in fault) return sendJson(res, 200, { ok: false, error: fault.error });
      if (fault.status === 429) return sendJson(res, 429, { ok: false, error: "ratelimited" }, { "retry-after": String(fault.retryAfterSeconds) });
      return sendJson(res, fault.status, { ok: false, error: "internal_error" });
    }
    if (!token) return sendJson(res, 200, { ok: false, error: "not_authed" });
    if (token !== this.botToken) return sendJson(res, 200, { ok: false, error: "invalid_auth" });
    const answer = answerMethod(method, body, this.methodContext());
    call.response = answer;
    sendJson(res, 200, answer);
  }

  private async receiveUpload(fileId: string, raw: string, contentType: string | undefined, res: ServerResponse): Promise<void> {
    const file = this.state.files.get(fileId);
    const content = await uploadedContent(raw, contentType);
    this.uploads.set(fileId, content);
    if (file) this.state.saveFile({ ...file, content });
    res.writeHead(file || !this.keep ? 200 : 404, { "content-type": "text/plain" });
    res.end(file || !this.keep ? "OK" : "Not Found");
  }

  private serveFile(fileId: string, bearer: string, res: ServerResponse): void {
    const file = this.state.files.get(fileId);
    this.log.record({ method: `download:${fileId}`, body: {}, ...(bearer ? { token: bearer } : {}), at: Date.now() });
    // Slack answers a download without the right token with its sign-in page, not with the file.
    if (!file || bearer !== this.botToken) {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<html>Sign in to Slack</html>");
      return;
    }
    res.writeHead(200, { "content-type": file.name.endsWith(".csv") ? "text/csv" : "text/plain" });
    res.end(file.content);
  }

  private receiveResponse(id: string, raw: string, contentType: string | undefined, res: ServerResponse): void {
    let body: Record<string, unknown> = {};
    try {
      body = parseApiBody(raw, contentType);
    } catch {
      return sendJson(res, 400, { ok: false, error: "invalid_json" });
    }
    this.log.record({ method: `response_url:${id}`, body, at: Date.now() });
    const hook = this.state.hooks.get(id);
    if (!this.keep) return sendJson(res, 200, { ok: true });
    if (!hook || hook.uses >= 5 || hook.until < Date.now()) return sendJson(res, 404, { ok: false, error: "expired_url" });
    hook.uses += 1;
    applyResponse(this.state, hook, body, this.bot.userId);
    sendJson(res, 200, { ok: true });
  }
}

/** The file in an upload: the raw body, or the first file of a multipart form. */
async function uploadedContent(raw: string, contentType = ""): Promise<string> {
  if (!contentType.startsWith("multipart/form-data")) return raw;
  const form = await new Response(raw, { headers: { "content-type": contentType } }).formData();
  for (const [, value] of form) return typeof value === "string" ? value : await value.text();
  return "";
}
