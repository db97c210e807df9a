import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parsePolicyFile, readPolicyFile } from "../../../src/config/approval-policy-file";
import { channelLocale } from "../../../src/config/channel-locale";
import { parseConfig } from "../../../src/config/env";

const env = { SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "0123456789", REFUND_REQUESTS_CHANNEL: "C0REQ", REFUND_APPROVERS: "U0ENV" };

const yaml = `
approvers:
  users: [U0AAA, U0BBB]
  userGroup: S0MGRS
channels:
  approvals: C0APPROVE
  escalation: C0ESCALATE
fallbackApprover: U0BOSS
thresholds:
  TWD: { autoApproveUpTo: 300, singleApproverUpTo: 3000 }
reminders:
  remindAfter: 30m
  escalateAfter: 2h
  expireAfter: 1d
orderWindow: 14d
`;

describe("the approval policy file", () => {
  it("is read, and wins over the environment where it says something", () => {
    const file = parsePolicyFile("refund-desk.config.yaml", yaml);
    expect(file.ok).toBe(true);
    const config = parseConfig(env, file.ok ? file.file : null);
    expect(config.ok && config.config.channels).toEqual({ requests: "C0REQ", approvals: "C0APPROVE" });
    expect(config.ok && config.config.approvalPolicy).toEqual({
      approverIds: ["U0AAA", "U0BBB"],
      approverGroup: "S0MGRS",
      fallbackApprover: "U0BOSS",
      escalationChannel: "C0ESCALATE",
      thresholds: { TWD: { autoApproveUpTo: 300, singleApproverUpTo: 3000 } },
      timers: { remindAfterMs: 30 * 60_000, escalateAfterMs: 2 * 3_600_000, expireAfterMs: 86_400_000 },
      orderWindowMs: 14 * 86_400_000,
    });
  });

  it("gives a channel a language of its own; other channels and direct messages read the team's", () => {
    const file = parsePolicyFile("p.yaml", "channels:\n  approvals: C0APPROVE\n  locales:\n    C0APPROVE: ja-JP\n    C0TAIPEI: zh-TW\n");
    const config = parseConfig({ ...env, REFUND_DESK_LOCALE: "zh-CN" }, file.ok ? file.file : null);
    expect(config.ok).toBe(true);
    if (!config.ok) return;
    expect(config.config).toMatchObject({ locale: "zh-CN", channelLocales: { C0APPROVE: "ja", C0TAIPEI: "zh-TW" } });
    expect(["C0APPROVE", "C0TAIPEI", "C0REQ", "U0AAA", undefined].map((channel) => channelLocale(config.config, channel))).toEqual(["ja", "zh-TW", "zh-CN", "zh-CN", "zh-CN"]);
  });

  it("refuses a channel's language the bot does not speak, naming the field", () => {
    const file = parsePolicyFile("p.yaml", "channels:\n  locales:\n    C0APPROVE: de\n");
    expect(!file.ok && file.problems).toEqual([expect.stringMatching(/^p\.yaml: channels\.locales\.C0APPROVE: expected en, zh-TW, zh-CN or ja/)]);
  });

  it("accepts JSON, and seconds as plain numbers", () => {
    const file = parsePolicyFile("x.json", JSON.stringify({ reminders: { remindAfter: 2, expireAfter: "1.5h" } }));
    const config = parseConfig(env, file.ok ? file.file : null);
    expect(config.ok && config.config.approvalPolicy.timers).toMatchObject({ remindAfterMs: 2_000, expireAfterMs: 5_400_000 });
    expect(config.ok && config.config.approvalPolicy.approverIds).toEqual(["U0ENV"]);
    // Without orderWindow, an order's refunds of the last 30 days count together against the thresholds.
    expect(config.ok && config.config.approvalPolicy.orderWindowMs).toBe(30 * 86_400_000);
  });

  it("reports every problem with the file and the field", () => {
    const file = parsePolicyFile("p.yaml", "approvers: { users: [bob] }\nthresholds:\n  twd: { singleApproverUpTo: 10 }\n  JPY: { autoApproveUpTo: 50, singleApproverUpTo: 10 }\nreminders: { remindAfter: soon }\ncolour: blue\n");
    expect(file.ok).toBe(false);
    expect(!file.ok && file.problems).toEqual([
      "p.yaml: approvers.users (entry 1): expected a Slack user id such as U0123ABCD. refund-desk.config.example.yaml shows every field.",
      expect.stringMatching(/^p\.yaml: thresholds\.twd: expected an ISO 4217 currency code such as TWD/),
      expect.stringMatching(/^p\.yaml: thresholds\.JPY\.autoApproveUpTo: autoApproveUpTo cannot exceed singleApproverUpTo/),
      expect.stringMatching(/^p\.yaml: reminders\.remindAfter: expected a duration/),
      "p.yaml: unknown field colour: check the spelling. refund-desk.config.example.yaml shows every field.",
    ]);
  });

  it("says what is missing or of the wrong kind in its own words", () => {
    const file = parsePolicyFile("p.yaml", "thresholds:\n  JPY: { autoApproveUpTo: 1.5 }\napprovers: []\n");
    expect(!file.ok && file.problems).toEqual([
      "p.yaml: approvers: expected a group of fields. refund-desk.config.example.yaml shows every field.",
      "p.yaml: thresholds.JPY.autoApproveUpTo: expected a whole number. refund-desk.config.example.yaml shows every field.",
      "p.yaml: thresholds.JPY.singleApproverUpTo: not set. refund-desk.config.example.yaml shows every field.",
    ]);
  });

  it("says so when the YAML itself is broken, or the named file is missing", () => {
    expect(parsePolicyFile("p.yaml", "a: [1,\n")).toMatchObject({ ok: false, problems: [expect.stringMatching(/^p\.yaml: not valid YAML/)] });
    expect(readPolicyFile("/nonexistent/policy.yaml")).toEqual({
      ok: false,
      problems: ["REFUND_DESK_CONFIG: no file at /nonexistent/policy.yaml. Name the approval policy file, or leave it unset to read refund-desk.config.yaml; refund-desk.config.example.yaml shows every field."],
    });
  });

  it("is found by its default name in the working directory", () => {
    const dir = mkdtempSync(join(tmpdir(), "rd-policy-"));
    expect(readPolicyFile(undefined, dir)).toEqual({ ok: true, file: null });
    writeFileSync(join(dir, "refund-desk.config.json"), JSON.stringify({ fallbackApprover: "U0BOSS" }));
    const found = readPolicyFile(undefined, dir);
    expect(found.ok && found.file?.fallbackApprover).toBe("U0BOSS");
  });
});

describe("refund-desk.config.example.yaml", () => {
  it("is a valid policy file", async () => {
    const { readFileSync } = await import("node:fs");
    const file = parsePolicyFile("refund-desk.config.example.yaml", readFileSync("refund-desk.config.example.yaml", "utf8"));
    expect(file).toMatchObject({ ok: true, file: { thresholds: { TWD: { autoApproveUpTo: 300 } } } });
  });
});
