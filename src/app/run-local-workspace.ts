import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { loadConfigOrExit } from "../config/load-config";
import { createDb } from "../db/client";
import { upsertOrders } from "../db/orders";
import { bindHttpServer } from "../http/bind-http-server";
import { INTAKE_PATH } from "../intake/intake-routes";
import { signIntakeBody } from "../intake/verify-intake-signature";
import { WorkspaceArchive } from "../local-workspace/archive";
import type { CustomerIntake } from "../local-workspace/customer-panel";
import { CHANNEL_NAMES, DEMO_APPROVERS, DEMO_CHANNELS, DEMO_PEOPLE } from "../local-workspace/demo-workspace";
import { matchRoute, sendJson } from "../local-workspace/http-helpers";
import { LocalWorkspace } from "../local-workspace/local-workspace";
import { pageRoutes } from "../local-workspace/page-routes";
import { createLogger } from "../observability/logger";
import { demoOrders } from "../local-workspace/demo-orders";
import { runProcess, type ProcessRoles } from "./run-process";

export interface LocalWorkspaceRun {
  workspace: LocalWorkspace;
  /** http://localhost:PORT/ (or the address it listens on). */
  pageUrl: string;
  /** Where the bot is reached from this process. */
  baseUrl: string;
  /** The bot's intake webhook and how to sign for it, for the customer's side. */
  intake: CustomerIntake;
}

export const localWorkspaceLine = (url: string) => `Local workspace: ${url} (no Slack app configured; set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET to connect to Slack)`;

const secret = (prefix: string) => `${prefix}${randomBytes(24).toString("hex")}`;

/**
 * The bot with a Slack workspace of its own, in one process: the workspace is served on the bot's
 * own port (its page at /, its Web API at /api/), and the bot is configured to call it as it would
 * call Slack (SLACK_API_URL, a token and signing secret made for this run). Only the configuration
 * changes: no code of the bot knows which Slack it talks to. Its messages are kept in Postgres.
 */
export async function runWithLocalWorkspace(roles: ProcessRoles, host: string): Promise<LocalWorkspaceRun> {
  const env = process.env;
  const port = Number(env.PORT ?? 3000);
  let waiting: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => sendJson(res, 503, { error: "starting" }, { "retry-after": "1" });
  let endStreams = () => {};
  const http = await bindHttpServer(Number.isFinite(port) ? port : 3000, host, (req, res) => waiting(req, res), () => endStreams());
  const reachable = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host;
  const baseUrl = `http://${reachable.includes(":") ? `[${reachable}]` : reachable}:${http.port}`;
  const shown = host === "127.0.0.1" || host === "0.0.0.0" || host === "::" || host === "localhost" ? `http://localhost:${http.port}` : baseUrl;

  // The bot's Slack settings, pointed at the workspace. The channels and approvers are the workspace's.
  Object.assign(env, {
    SLACK_BOT_TOKEN: secret("xoxb-local-"),
    SLACK_SIGNING_SECRET: secret("local-"),
    SLACK_API_URL: `${baseUrl}/api/`,
    REFUND_REQUESTS_CHANNEL: DEMO_CHANNELS.requests,
    REFUND_APPROVALS_CHANNEL: DEMO_CHANNELS.approvals,
    REFUND_APPROVERS: DEMO_APPROVERS.join(","),
    INTAKE_SECRET: env.INTAKE_SECRET?.trim() ? env.INTAKE_SECRET : secret("intake-"),
  });
  const config = loadConfigOrExit();
  const log = createLogger({ level: config.logLevel }).child({ role: "local-workspace" });
  const db = createDb(config.databaseUrl, { poolSize: 2 });
  const archive = new WorkspaceArchive(db, (err) => log.error({ err }, "local workspace: a message could not be kept in Postgres"));
  const channelIds = new Set([config.channels.requests, config.channels.approvals, ...(config.approvalPolicy.escalationChannel ? [config.approvalPolicy.escalationChannel] : [])]);
  const workspace = new LocalWorkspace({
    botToken: config.slack.botToken,
    signingSecret: config.slack.signingSecret,
    people: [...DEMO_PEOPLE],
    channels: [...channelIds].map((id) => ({ id, name: CHANNEL_NAMES[id] ?? `refund-${id.slice(1).toLowerCase()}` })),
    archive,
  });
  workspace.baseUrl = baseUrl;
  workspace.eventsUrl = `${baseUrl}/slack/events`;
  const kept = await archive.load(workspace.state);
  const added = await addMissingDemoOrders(db);
  log.info({ keptMessages: kept.messages, demoOrdersAdded: added }, "local workspace: loaded");

  const intakeSecret = config.intake.secrets[0]!;
  const intake: CustomerIntake = { url: `${baseUrl}${INTAKE_PATH}`, sign: (timestamp, body) => signIntakeBody(intakeSecret, timestamp, body) };
  const page = pageRoutes(workspace, { intake, shownBaseUrl: () => shown });
  endStreams = page.endStreams;
  const routes = [...workspace.slackRoutes(), ...page.routes];
  // The workspace answers while the bot starts: the bot's own first call (auth.test) is to it.
  waiting = (req, res) => {
    const route = matchRoute(routes, req.method ?? "GET", (req.url ?? "/").split("?")[0]!);
    if (!route) return sendJson(res, 503, { error: "starting" }, { "retry-after": "1" });
    void route.handler(req, res);
  };
  await runProcess(roles, {
    http,
    routes,
    onStop: async () => {
      await archive.flush();
      await db.$disconnect();
    },
  });
  return { workspace, pageUrl: `${shown}/`, baseUrl, intake };
}

/** The demo orders the store does not have yet: a restart keeps what happened to the others. */
async function addMissingDemoOrders(db: ReturnType<typeof createDb>): Promise<number> {
  const orders = demoOrders(new Date());
  const present = await db.order.findMany({ where: { OR: orders.map((o) => ({ platform: o.platform, orderId: o.orderId })) }, select: { platform: true, orderId: true } });
  const missing = orders.filter((o) => !present.some((p) => p.platform === o.platform && p.orderId === o.orderId));
  if (missing.length > 0) await upsertOrders(db, missing);
  return missing.length;
}
