import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";

/** One call the bot made to the Slack Web API (or to a response_url). */
export interface SlackCall {
  method: string;
  body: Record<string, unknown>;
  token?: string;
  at: number;
  /** What the fake answered. */
  response?: Record<string, unknown>;
}

export type SlackFault = { status: 429; retryAfterSeconds: number } | { status: 500 | 502 | 503 } | { error: string };

const JSON_FIELDS = new Set(["blocks", "attachments", "view", "metadata", "files"]);

/**
 * A Slack Web API on loopback: it answers like Slack (`{ ok: true, … }`), checks the bot token as
 * Slack does (`invalid_auth`), records every call, and can fail the next calls of a method with
 * 429 + Retry-After, a 5xx or a platform error. `response_url` posts land at `/response/:id`.
 */
export class FakeSlackApi {
  readonly calls: SlackCall[] = [];
  private server?: Server;
  private tsCounter = 0;
  private viewCounter = 0;
  private readonly faults = new Map<string, { fault: SlackFault; when?: (body: Record<string, unknown>) => boolean }[]>();
  private readonly waiters = new Set<() => void>();
  private readonly holds: { method: string; when?: (body: Record<string, unknown>) => boolean; gate: Promise<void> }[] = [];
  private readonly openers = new Set<() => void>();
  private fileCounter = 0;
  /** Files uploaded through files.getUploadURLExternal → upload URL, by file id. */
  readonly uploads = new Map<string, string>();
  /** Files that users uploaded (e.g. in a modal's file_input): files.info describes them, `/files/:id` serves them to the bot token. */
  private readonly hosted = new Map<string, { name: string; content: string }>();
  baseUrl = "";
  /** Faults played so far, by kind (`429`, `5xx`, `error`): what a chaos run reports. */
  readonly faultsPlayed: Record<string, number> = {};

  /**
   * @param record keep every call in `calls` (tests); a benchmark turns it off and listens with `onCall`.
   */
  constructor(
    private readonly botToken = "xoxb-test-token",
    private readonly options: { record?: boolean; onCall?: (call: SlackCall) => void } = {},
  ) {}

  /** The value for SLACK_API_URL. */
  get apiUrl(): string {
    return `${this.baseUrl}/api/`;
  }

  responseUrl(id: string): string {
    return `${this.baseUrl}/response/${id}`;
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    // Many keep-alive sockets from the bot: never let the fake be the bottleneck.
    this.server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.baseUrl;
  }

  async stop(): Promise<void> {
    for (const open of this.openers) open();
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  /** A file as if a user had uploaded it in Slack; returns its id, for a file_input's state. */
  hostFile(name: string, content: string): string {
    const id = `FU${++this.fileCounter}`;
    this.hosted.set(id, { name, content });
    return id;
  }

  /** Members of Slack user groups, as usergroups.users.list answers them. */
  readonly userGroups = new Map<string, string[]>();

  /** Members of channels, as conversations.members answers them (one page). */
  readonly channelMembers = new Map<string, string[]>();

  /** The next `times` calls of `method` (that match `when`, if given) get `fault`. */
  failNext(method: string, fault: SlackFault, times = 1, when?: (body: Record<string, unknown>) => boolean): void {
    const queue = this.faults.get(method) ?? [];
    for (let i = 0; i < times; i++) queue.push({ fault, ...(when ? { when } : {}) });
    this.faults.set(method, queue);
  }

  /** Faults armed with failNext and not played yet, over every method. */
  get pendingFaults(): number {
    return [...this.faults.values()].reduce((sum, queue) => sum + queue.length, 0);
  }

  /**
   * The next call of `method` (that matches `when`) is recorded but not answered until the returned
   * function is called: a Slack call in flight, for as long as a test needs.
   */
  holdNext(method: string, when?: (body: Record<string, unknown>) => boolean): () => void {
    let open = () => {};
    const gate = new Promise<void>((resolve) => (open = resolve));
    const hold = { method, ...(when ? { when } : {}), gate };
    this.holds.push(hold);
    this.openers.add(open);
    return () => {
      const index = this.holds.indexOf(hold);
      if (index !== -1) this.holds.splice(index, 1);
      open();
    };
  }

  callsTo(method: string): SlackCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /** Resolves with the first call (past or future) that matches, or rejects after `timeoutMs`. */
  waitFor(predicate: (call: SlackCall) => boolean, timeoutMs = 15_000, what = "a matching Slack call"): Promise<SlackCall> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.calls.find(predicate);
        if (!found) return false;
        clearTimeout(timer);
        this.waiters.delete(waiter);
        resolve(found);
        return true;
      };
      const waiter = () => void check();
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; calls so far: ${this.calls.map((c) => c.method).join(", ") || "none"}`));
      }, timeoutMs);
      this.waiters.add(waiter);
      check();
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const url = new URL(req.url ?? "/", this.baseUrl);
    const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(JSON.stringify(body));
    };
    if (url.pathname.startsWith("/upload/")) {
      this.uploads.set(url.pathname.slice("/upload/".length), await uploadedContent(raw, req.headers["content-type"]));
      res.writeHead(200, { "content-type": "text/plain" });
      res.end("OK");
      return;
    }
    if (url.pathname.startsWith("/files/")) {
      const file = this.hosted.get(url.pathname.slice("/files/".length));
      this.record({ method: `download:${url.pathname.slice("/files/".length)}`, body: {}, ...(req.headers.authorization ? { token: req.headers.authorization.replace(/^Bearer /, "") } : {}), at: Date.now() });
      // Slack answers a download without the right token with its login page, not with the file.
      if (!file || req.headers.authorization !== `Bearer ${this.botToken}`) {
        res.writeHead(200, { "content-type": "text/html" });
        res.end("<html>Sign in to Slack</html>");
        return;
      }
      res.writeHead(200, { "content-type": "text/csv" });
      res.end(file.content);
      return;
    }
    if (url.pathname.startsWith("/response/")) {
      this.record({ method: `response_url:${url.pathname.slice("/response/".length)}`, body: parseBody(raw, req.headers["content-type"]), at: Date.now() });
      return reply(200, { ok: true });
    }
    if (!url.pathname.startsWith("/api/")) return reply(404, { ok: false, error: "unknown_path" });
    const method = url.pathname.slice("/api/".length);
    const body = parseBody(raw, req.headers["content-type"]);
    const token = (req.headers.authorization ?? "").replace(/^Bearer /, "") || (typeof body.token === "string" ? body.token : undefined);
    const call: SlackCall = { method, body, ...(token ? { token } : {}), at: Date.now() };
    this.record(call);
    const held = this.holds.findIndex((h) => h.method === method && (!h.when || h.when(body)));
    if (held !== -1) await this.holds.splice(held, 1)[0]!.gate;

    const pending = this.faults.get(method) ?? [];
    const index = pending.findIndex((f) => !f.when || f.when(body));
    const fault = index === -1 ? undefined : pending.splice(index, 1)[0]!.fault;
    if (fault) {
      const kind = "error" in fault ? "error" : fault.status === 429 ? "429" : "5xx";
      this.faultsPlayed[kind] = (this.faultsPlayed[kind] ?? 0) + 1;
      if ("error" in fault) return reply(200, { ok: false, error: fault.error });
      if (fault.status === 429) return reply(429, { ok: false, error: "ratelimited" }, { "retry-after": String(fault.retryAfterSeconds) });
      return reply(fault.status, { ok: false, error: "internal_error" });
    }
    if (token !== this.botToken) return reply(200, { ok: false, error: "invalid_auth" });
    const answer = this.answer(method, body);
    call.response = answer;
    reply(200, answer);
  }

  private answer(method: string, body: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case "auth.test":
        return { ok: true, url: "https://fake.slack.test/", team: "Fake", user: "refund-desk", team_id: "T0FAKE", user_id: "U0BOT", bot_id: "B0BOT" };
      case "chat.postMessage":
        return { ok: true, channel: body.channel, ts: this.nextTs(), message: { text: body.text } };
      case "chat.update":
        return { ok: true, channel: body.channel, ts: body.ts, text: body.text };
      case "chat.postEphemeral":
        return { ok: true, message_ts: this.nextTs() };
      case "conversations.open":
        return { ok: true, channel: { id: `D${String(body.users ?? "").replace(/^[UW]/, "")}` } };
      case "files.getUploadURLExternal": {
        const fileId = `F${++this.fileCounter}`;
        return { ok: true, file_id: fileId, upload_url: `${this.baseUrl}/upload/${fileId}` };
      }
      case "files.completeUploadExternal":
        return { ok: true, files: (typeof body.files === "string" ? JSON.parse(body.files) : body.files) as unknown[] };
      case "files.info": {
        const id = String(body.file ?? "");
        const file = this.hosted.get(id);
        if (!file) return { ok: false, error: "file_not_found" };
        return { ok: true, file: { id, name: file.name, size: Buffer.byteLength(file.content), mimetype: "text/csv", url_private: `${this.baseUrl}/files/${id}`, url_private_download: `${this.baseUrl}/files/${id}` } };
      }
      case "usergroups.users.list":
        return { ok: true, users: this.userGroups.get(String(body.usergroup)) ?? [] };
      case "conversations.members":
        return { ok: true, members: this.channelMembers.get(String(body.channel)) ?? [], response_metadata: { next_cursor: "" } };
      case "views.open":
      case "views.push":
      case "views.update":
      case "views.publish":
        // View ids are unique across Slack, as the bot's idempotency keys assume: not a per-fake counter.
        return { ok: true, view: { ...(body.view as object), id: (body.view_id as string) ?? `V${randomUUID().replaceAll("-", "").slice(0, 10).toUpperCase()}`, hash: `hash-${++this.viewCounter}` } };
      default:
        return { ok: true };
    }
  }

  private nextTs(): string {
    this.tsCounter += 1;
    return `1790000000.${String(this.tsCounter).padStart(6, "0")}`;
  }

  private record(call: SlackCall): void {
    this.options.onCall?.(call);
    if (this.options.record === false) return;
    this.calls.push(call);
    for (const waiter of [...this.waiters]) waiter();
  }
}

/** The file in an upload: the raw body, or the first file of a multipart form. */
async function uploadedContent(raw: string, contentType = ""): Promise<string> {
  if (!contentType.startsWith("multipart/form-data")) return raw;
  const form = await new Response(raw, { headers: { "content-type": contentType } }).formData();
  for (const [, value] of form) return typeof value === "string" ? value : await value.text();
  return "";
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function parseBody(raw: string, contentType = ""): Record<string, unknown> {
  if (!raw) return {};
  if (contentType.includes("application/json")) return JSON.parse(raw) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    out[key] = JSON_FIELDS.has(key) ? safeJson(value) : value;
  }
  return out;
}

function safeJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
