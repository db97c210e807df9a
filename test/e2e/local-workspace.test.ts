import { spawnSync } from "node:child_process";
import { networkInterfaces } from "node:os";
import { afterAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/client";
import { appEnv, startApp, type AppProcess } from "../support/app-process";
import { databaseUrl } from "../support/file-database";
import { startLocalWorkspaceApp } from "../support/local-workspace-app";
import { testDb } from "../support/test-db";
import { testWorkspace } from "../support/test-workspace";
import { eventually } from "../support/test-services";

type State = { channels: { id: string; name: string; messages: { ts: string; text: string; blocks: unknown }[] }[]; people: { id: string; title: string }[]; modals: { id: string; initial: Record<string, Record<string, unknown>>; view: { blocks: { block_id?: string; element?: { action_id?: string } }[] } }[] };

const started: AppProcess[] = [];
let firstUrl = "";
let db: Db | undefined;
afterAll(async () => {
  for (const app of started) await app.stop();
  await db?.$disconnect();
});

const post = (url: string, path: string, body: unknown) => fetch(`${url}workspace/${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
const stateOf = async (url: string, as: string) => (await (await fetch(`${url}workspace/state?as=${as}`)).json()) as State;
const channel = (state: State, name: string) => state.channels.find((c) => c.name === name)!;

/** Mei files a refund of an order through the page's own calls; resolves when its decision is in #refund-requests. */
async function fileRefund(url: string, orderId: string): Promise<void> {
  await post(url, "type", { as: "U0MEI", channel: "C0REQUESTS", text: `/refund ${orderId}` });
  const modal = await eventually(async () => (await stateOf(url, "U0MEI")).modals[0], 15_000, "the refund modal");
  const reasonBlock = modal.view.blocks.find((b) => b.block_id?.startsWith("reason_"))!.block_id!;
  const answer = await (await post(url, "submit", { as: "U0MEI", viewId: modal.id, values: { ...modal.initial, [reasonBlock]: { reason_choice: { type: "static_select", selected_option: { value: "defective_item" } } }, amount: { amount_input: { type: "plain_text_input", value: "300" } } } })).json();
  expect(answer).toEqual({ outcome: "closed" });
  await eventually(async () => channel(await stateOf(url, "U0MEI"), "refund-requests").messages.find((m) => m.text.includes(`order ${orderId}`) && m.text.includes("waiting for approval")), 20_000, "the decision");
}

describe("npm start with no Slack app configured", () => {
  it("prints where the local workspace is, serves it on 127.0.0.1 only, with its channels, people and the demo orders", async () => {
    const { app, url } = await startLocalWorkspaceApp();
    started.push(app);
    firstUrl = url;
    const port = new URL(url).port;
    expect(app.output).toContain(`Local workspace: http://localhost:${port}/ (no Slack app configured; set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET to connect to Slack)`);
    expect(await (await fetch(url)).text()).toContain("<title>Refund Desk · local workspace</title>");
    const state = await stateOf(url, "U0MEI");
    expect(state.channels.map((c) => c.name)).toEqual(["refund-requests", "refund-approvals"]);
    expect(state.people.map((p) => p.title)).toEqual(["Support agent", "Approver", "Approver", "Warehouse, not an approver"]);
    db = testDb();
    expect(await db.order.count({ where: { orderId: { in: ["CB1001", "CB1003", "QX2001", "QX2002"] } } })).toBe(4);
    const elsewhere = Object.values(networkInterfaces()).flat().find((i) => i && i.family === "IPv4" && !i.internal);
    if (elsewhere) await expect(fetch(`http://${elsewhere.address}:${port}/`)).rejects.toThrow();
  });

  it("the customer panel files a signed intake request, and its curl is the same request", async () => {
    const body = { source: "qoo10", externalId: "CS-PANEL-1", platform: "qoo10", orderId: "QX2002", request: { kind: "cancel", initiator: "customer", reason: "customer_request" }, message: "Wrong size." };
    const sent = (await (await post(firstUrl, "customer", { body })).json()) as { status: number; answer: { requestId: string }; curl: string };
    expect(sent.status).toBe(202);
    expect(sent.answer.requestId).toMatch(/^RD-\d+$/);
    expect(sent.curl).toContain(`curl -X POST ${firstUrl}intake/requests`);
    expect(sent.curl).toMatch(/x-refund-desk-signature: v1=[0-9a-f]{64}/);
    // The curl, run as shown, is the same delivery: the intake answers it as a repeat of the first.
    const again = spawnSync("sh", ["-c", `${sent.curl} --silent --show-error`], { encoding: "utf8", timeout: 15_000 });
    expect(JSON.parse(again.stdout)).toEqual({ requestId: sent.answer.requestId });
    await eventually(async () => channel(await stateOf(firstUrl, "U0MEI"), "refund-requests").messages.find((m) => m.text.includes("order QX2002")), 20_000, "the customer's request in the channel");
  });

  it("keeps the workspace's messages across a restart: the bot updates yesterday's message", async () => {
    const first = await startLocalWorkspaceApp();
    started.push(first.app);
    await fileRefund(first.url, "CB1002");
    const before = channel(await stateOf(first.url, "U0KENJI"), "refund-approvals").messages.find((m) => m.text.includes("order CB1002"))!;
    expect(await first.app.stop()).toBe(0);

    const second = await startLocalWorkspaceApp();
    started.push(second.app);
    const kept = channel(await stateOf(second.url, "U0KENJI"), "refund-approvals").messages.find((m) => m.ts === before.ts);
    expect(kept?.text).toBe(before.text);
    expect((await (await post(second.url, "click", { as: "U0KENJI", channel: "C0APPROVALS", ts: before.ts, actionId: "approve_request" })).json())).toEqual({ ok: true });
    await eventually(async () => channel(await stateOf(second.url, "U0KENJI"), "refund-approvals").messages.find((m) => m.ts === before.ts && JSON.stringify(m.blocks).includes("Approved by <@U0KENJI>")), 20_000, "the kept message updated");
  });

  it("refuses to start in production unless LOCAL_WORKSPACE=1, and never beside Slack credentials", () => {
    const run = (env: Record<string, string>) => spawnSync(process.execPath, ["--import", "tsx", "src/entry/all.ts"], { env: { ...process.env, DOTENV_PATH: "/nonexistent/.env", DATABASE_URL: databaseUrl(), SLACK_BOT_TOKEN: "", SLACK_SIGNING_SECRET: "", PORT: "0", ...env }, encoding: "utf8", timeout: 30_000 });
    const production = run({ NODE_ENV: "production" });
    expect(production.status).toBe(1);
    expect(production.stderr).toContain("in production the local workspace runs only with LOCAL_WORKSPACE=1");
    const beside = run({ LOCAL_WORKSPACE: "1", SLACK_BOT_TOKEN: "xoxb-real-looking" });
    expect(beside.status).toBe(1);
    expect(beside.stderr).toContain("never runs beside a Slack app");
  });

  it("with a Slack app configured, serves no workspace: no page, no Web API of its own", async () => {
    const slack = testWorkspace();
    await slack.start();
    try {
      const app = await startApp({ env: appEnv(slack.apiUrl) });
      started.push(app);
      expect((await fetch(`${app.baseUrl}/`)).status).toBe(404);
      expect((await fetch(`${app.baseUrl}/api/auth.test`, { method: "POST" })).status).toBe(404);
      expect(app.output.some((line) => line.includes("Local workspace"))).toBe(false);
    } finally {
      await slack.stop();
    }
  });
});

describe("npm run demo -- --script", () => {
  it("plays the day, prints both channels as text and exits 0", () => {
    const run = spawnSync(process.execPath, ["--import", "tsx", "src/entry/demo.ts", "--script"], {
      env: { ...process.env, DOTENV_PATH: "/nonexistent/.env", DATABASE_URL: databaseUrl(), QUEUE_PREFIX: `rdtest-day-${Math.random().toString(36).slice(2, 8)}`, SLACK_BOT_TOKEN: "", SLACK_SIGNING_SECRET: "", NODE_ENV: "test" },
      encoding: "utf8",
      timeout: 120_000,
    });
    expect(run.stdout).toContain("The day went as written: 7 steps.");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/#refund-requests\n {2}Refund Desk/);
    expect(run.stdout).toContain("four eyes");
    expect(run.stdout).toContain("⛔ Rejected by @Grace Chen: Refunded by bank transfer last week.");
    expect(run.stdout).toContain("Manual refund");
    expect(run.stdout).toContain("2/2 done: 2 cancelled");
    expect(run.stdout).toContain("The customer wrote");
  }, 150_000);
});
