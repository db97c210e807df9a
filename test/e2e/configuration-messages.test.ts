import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appEnv } from "../support/app-process";

const run = promisify(execFile);
let dir = "";

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "rd-config-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What zod itself would have said: "Invalid input: expected string, received undefined", "Too small: …". */
const VALIDATOR_WORDS = /Invalid (input|option|string|number|key|value|element|URL)|Too (big|small)|Unrecognized key|received (undefined|string|number|NaN|null)/i;

/** `npm start` as an operator runs it (dist/ is built before the tests), with these settings; its exit code and what it printed. */
async function npmStart(env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  const started = run("npm", ["start", "--silent", "--ignore-scripts"], { env: { ...process.env, ...env }, timeout: 60_000 });
  return started.then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
}

describe("starting with wrong settings", () => {
  it("stops with exit code 1 and one line per problem in Refund Desk's words: what is wrong, and where to get the right value", async () => {
    const policyFile = join(dir, "policy.yaml");
    writeFileSync(policyFile, "approvers: { users: [bob] }\ncolour: blue\n");
    const secret = "half-configured-line-pay-secret";
    const result = await npmStart({
      ...appEnv("http://127.0.0.1:1/api/"),
      // Empty is unset, as in a .env line `REFUND_REQUESTS_CHANNEL=`; set here so the runner's own environment cannot fill it.
      REFUND_REQUESTS_CHANNEL: "",
      NODE_ENV: "prod",
      WORKER_CONCURRENCY: "0",
      SHUTDOWN_TIMEOUT_MS: "soon",
      LINEPAY_CHANNEL_SECRET: secret,
      REFUND_DESK_CONFIG: policyFile,
    });

    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr.trimEnd().split("\n")).toEqual([
      "Refund Desk cannot start: fix these settings (see .env.example and refund-desk.config.example.yaml):",
      `  ${policyFile}: approvers.users (entry 1): expected a Slack user id such as U0123ABCD. refund-desk.config.example.yaml shows every field.`,
      `  ${policyFile}: unknown field colour: check the spelling. refund-desk.config.example.yaml shows every field.`,
      "  NODE_ENV: expected one of development, production, test. Leave it unset for development.",
      "  REFUND_REQUESTS_CHANNEL: not set. Give the id of the channel where requests are posted: in Slack, open the channel's details; the id (C…) is at the bottom.",
      "  WORKER_CONCURRENCY: expected at least 1. Jobs a worker process runs at once, 1 to 1000; leave it unset for 16.",
      "  SHUTDOWN_TIMEOUT_MS: expected a whole number of milliseconds. Milliseconds a stop may take in all, 1000 to 600000; leave it unset for 10000.",
      "  LINEPAY_CHANNEL_ID: required with LINEPAY_CHANNEL_SECRET. Copy the Channel ID (digits) from the LINE Pay merchant center, Manage payment integration; set it with LINEPAY_CHANNEL_SECRET, or neither to refund in the local store.",
    ]);
    expect(result.stderr).not.toMatch(VALIDATOR_WORDS);
    expect(result.stderr).not.toContain(secret);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("names a malformed Slack token and a short signing secret with where to find them in the Slack app", async () => {
    const result = await npmStart({ ...appEnv("http://127.0.0.1:1/api/"), SLACK_BOT_TOKEN: "xapp-1-A0-1-abc", SLACK_SIGNING_SECRET: "short" });
    expect(result.code).toBe(1);
    expect(result.stderr.trimEnd().split("\n").slice(1)).toEqual([
      "  SLACK_BOT_TOKEN: expected a Slack token starting with xoxb-. Copy the Bot User OAuth Token (xoxb-…) from the Slack app's OAuth & Permissions page.",
      "  SLACK_SIGNING_SECRET: expected at least 8 characters. Copy the Signing Secret from the Slack app's Basic Information page.",
    ]);
  });
});
