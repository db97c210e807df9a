import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { createMetrics } from "../../../src/observability/metrics";
import type { Redis } from "../../../src/queue/redis-connection";
import { replayGuard, signedRequestProperties } from "../../../src/slack/replay-guard";

const NOW = new Date("2026-11-23T10:00:00Z");
const nowSeconds = NOW.getTime() / 1000;

/** A Redis that keeps SET NX in a map, or fails every call. */
function fakeRedis(failing = false) {
  const keys = new Map<string, number>();
  const redis = {
    set: async (key: string, _value: string, _ex: "EX", ttl: number, _nx: "NX") => {
      if (failing) throw new Error("connection refused");
      if (keys.has(key)) return null;
      keys.set(key, ttl);
      return "OK";
    },
  };
  return { redis: redis as unknown as Redis, keys };
}

async function deliver(guard: ReturnType<typeof replayGuard>, context: Record<string, unknown>) {
  let ran = false;
  let acked = false;
  await guard({ context, body: { type: "block_actions" }, next: async () => void (ran = true), ack: async () => void (acked = true) } as never);
  return { ran, acked };
}

describe("the Slack replay guard", () => {
  const setup = (failing = false) => {
    const { redis, keys } = fakeRedis(failing);
    const metrics = createMetrics({ defaults: false });
    return { keys, metrics, guard: replayGuard({ redis, keyPrefix: "rd", metrics, log: pino({ level: "silent" }), now: () => NOW }) };
  };

  it("runs a signature once, and acknowledges its copies without running them", async () => {
    const { guard, metrics, keys } = setup();
    const signed = { slackDigest: "a".repeat(64), slackTimestamp: String(nowSeconds - 60) };
    expect(await deliver(guard, signed)).toEqual({ ran: true, acked: false });
    expect(await deliver(guard, signed)).toEqual({ ran: false, acked: true });
    expect(await deliver(guard, { ...signed, slackDigest: "b".repeat(64) })).toEqual({ ran: true, acked: false });
    expect((await metrics.slackReplaysRefused.get()).values[0]?.value).toBe(1);
    // Kept until Slack's window for that timestamp closes, plus a margin: 300 − 60 + 60 s.
    expect(keys.get(`rd:slack-seen:${"a".repeat(64)}`)).toBe(300);
  });

  it("lets requests through when Redis does not answer, and Socket Mode requests (no signature) always", async () => {
    const down = setup(true);
    const signed = { slackDigest: "c".repeat(64), slackTimestamp: String(nowSeconds) };
    expect(await deliver(down.guard, signed)).toEqual({ ran: true, acked: false });
    expect(await deliver(down.guard, signed)).toEqual({ ran: true, acked: false });
    const up = setup();
    expect(await deliver(up.guard, {})).toEqual({ ran: true, acked: false });
    expect(await deliver(up.guard, {})).toEqual({ ran: true, acked: false });
  });

  it("keys a request on its signature's digest: a header with extra parts carries no digest of its own", () => {
    const digest = "d".repeat(64);
    const headers = (signature: string) => ({ headers: { "x-slack-signature": signature, "x-slack-request-timestamp": "1" } }) as never;
    expect(signedRequestProperties(headers(`v0=${digest}`))).toEqual({ slackDigest: digest, slackTimestamp: "1" });
    for (const forged of [`v0=${digest}=a`, `v0=${digest}=b`, `v0=${digest.toUpperCase()}`, `v1=${digest}`, `v0=${digest}, v0=${digest}`]) {
      expect(signedRequestProperties(headers(forged)).slackDigest, forged).toBeUndefined();
    }
  });
});
