import { describe, expect, it, vi } from "vitest";
import type { Services } from "../../../src/app/services";
import type { IntakeRequestSummary } from "../../../src/db/intake-requests";
import { intakeList, INTAKE_LIST_LENGTH } from "../../../src/slack/listeners/commands/subcommands/intake-list";
import type { CommandArgs } from "../../../src/slack/listeners/commands/subcommands/types";
import { buildIntakeList, formatAge } from "../../../src/slack/messages/intake-list-message";
import { wordsFor } from "../../../src/presentation/words";

const en = wordsFor("en");

const NOW = new Date("2026-11-23T10:00:00Z");
const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000);

const rows: IntakeRequestSummary[] = [
  { id: 14, idempotencyKey: "intake:qoo10:CS:2026:7", platform: "qoo10", orderId: "QX100", state: "awaiting_approval", createdAt: minutesAgo(3) },
  { id: 9, idempotencyKey: "intake:cs-form:<!channel>&1", platform: "cyberbiz", orderId: "CB7", state: "rejected", createdAt: minutesAgo(60 * 50) },
];

describe("the intake list", () => {
  it("shows per request: its id, source/externalId, order, state and age, newest first as given", () => {
    const text = buildIntakeList(en, rows, NOW, true);
    const lines = text.split("\n");
    expect(lines[0]).toBe("*The last 2 intake requests* (request · source/external id · order · state · age)");
    expect(lines[1]).toBe("• *RD-14* · qoo10/CS:2026:7 · Qoo10 QX100 · waiting for approval · 3 min ago");
    expect(lines[2]).toBe("• *RD-9* · cs-form/&lt;!channel&gt;&amp;1 · Cyberbiz CB7 · refused by the rules · 2 d ago");
  });

  it("says when nothing has come in, and when the webhook is off", () => {
    expect(buildIntakeList(en, [], NOW, true)).toBe("No request has come in through the intake webhook yet.");
    expect(buildIntakeList(en, [], NOW, false)).toMatch(/off: INTAKE_SECRET is not set/);
  });

  it.each([
    [0, "just now"],
    [59_999, "just now"],
    [60_000, "1 min ago"],
    [59 * 60_000, "59 min ago"],
    [60 * 60_000, "1 h ago"],
    [47 * 3_600_000, "47 h ago"],
    [48 * 3_600_000, "2 d ago"],
    [-5_000, "just now"],
  ])("says an age of %i ms as %j", (ms, said) => {
    expect(formatAge(en, ms)).toBe(said);
  });
});

describe("/refund intake", () => {
  function run(userId: string) {
    const findMany = vi.fn(async () => rows);
    const services = {
      approvers: { isApprover: async (id: string) => id === "U0BOSS" },
      db: { refundRequest: { findMany } },
      now: () => NOW,
      config: { intake: { secrets: ["intake-secret-0123456789"] } },
    } as unknown as Services;
    const ack = vi.fn(async () => {});
    const args = { ack, command: { user_id: userId, command: "/refund", text: "intake" } } as unknown as CommandArgs;
    return { findMany, ack, done: intakeList(services, args, { type: "intake" }) };
  }

  it("answers an approver privately with the last 20 intake requests", async () => {
    const { findMany, ack, done } = run("U0BOSS");
    await done;
    expect(findMany).toHaveBeenCalledWith(expect.objectContaining({ where: { origin: "intake" }, take: INTAKE_LIST_LENGTH }));
    expect(INTAKE_LIST_LENGTH).toBe(20);
    expect(ack).toHaveBeenCalledWith({ response_type: "ephemeral", text: expect.stringContaining("• *RD-14*") });
  });

  it("refuses anyone else privately, without reading the requests", async () => {
    const { findMany, ack, done } = run("U0AGENT");
    await done;
    expect(findMany).not.toHaveBeenCalled();
    expect(ack).toHaveBeenCalledWith({ response_type: "ephemeral", text: "Only approvers can see the intake requests." });
  });
});
