import { createHmac } from "node:crypto";
import type { AddressInfo } from "node:net";
import express, { type RequestHandler } from "express";
import { pino } from "pino";
import { afterAll, describe, expect, it } from "vitest";
import { answerSslCheck } from "../../../src/slack/http/answer-ssl-check";
import { readSlackBody, SLACK_BODY_LIMIT_BYTES } from "../../../src/slack/http/read-slack-body";
import { refuseFutureTimestamp } from "../../../src/slack/http/refuse-future-timestamp";
import { refuseUndispatchable } from "../../../src/slack/http/refuse-undispatchable";
import type { SlackHttpRequest } from "../../../src/slack/http/slack-request";
import { verifySlackSignature } from "../../../src/slack/http/verify-slack-signature";

const SECRET = "unit-signing-secret";
const NOW = new Date("2026-11-23T10:00:00Z");
const nowSeconds = Math.floor(NOW.getTime() / 1000);
const log = pino({ level: "silent" });
const servers: { close(): void }[] = [];

afterAll(() => servers.forEach((server) => server.close()));

/** An HTTP server whose POST /slack/events runs `checks`, then answers 299 with the body it was handed. */
async function serve(...checks: RequestHandler[]): Promise<(body: string | Uint8Array, headers?: Record<string, string>) => Promise<{ status: number; text: string; connection: string | null }>> {
  const app = express();
  app.post("/slack/events", ...checks, (req, res) => void res.status(299).end((req as SlackHttpRequest).rawBody ?? "not read"));
  const server = app.listen(0, "127.0.0.1");
  servers.push(server);
  await new Promise((resolve) => server.once("listening", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  return async (body, headers = {}) => {
    const res = await fetch(url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", ...headers }, body, ...(body instanceof ReadableStream ? { duplex: "half" } : {}) } as RequestInit);
    return { status: res.status, text: await res.text(), connection: res.headers.get("connection") };
  };
}

const sign = (body: string, timestamp = nowSeconds, secret = SECRET) => `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
const signed = (body: string, timestamp = nowSeconds) => ({ "x-slack-request-timestamp": String(timestamp), "x-slack-signature": sign(body, timestamp) });

describe("refuseFutureTimestamp", () => {
  it("refuses 401 a timestamp more than 5 minutes either way, or not a number; lets the rest through", async () => {
    const post = await serve(refuseFutureTimestamp(() => NOW));
    for (const timestamp of [nowSeconds + 301, nowSeconds - 301, "1e9", "soon"]) {
      const answer = await post("x=1", { "x-slack-request-timestamp": String(timestamp) });
      expect([answer.status, answer.connection], String(timestamp)).toEqual([401, "close"]);
    }
    for (const headers of [{ "x-slack-request-timestamp": String(nowSeconds + 299) }, {} as Record<string, string>]) expect((await post("x=1", headers)).status).toBe(299);
  });
});

describe("readSlackBody", () => {
  it("reads the body for what follows; 415 for a content type Slack never sends", async () => {
    const post = await serve(readSlackBody());
    expect(await post("command=%2Frefund")).toMatchObject({ status: 299, text: "command=%2Frefund" });
    expect((await post("{}", { "content-type": "application/json; charset=utf-8" })).status).toBe(299);
    for (const type of ["text/plain", "multipart/form-data; boundary=x"]) expect((await post("x", { "content-type": type })).status, type).toBe(415);
  });

  it("refuses 413 and closes the connection past the limit, whether the length is declared or the body is chunked", async () => {
    const post = await serve(readSlackBody());
    const big = "a".repeat(SLACK_BODY_LIMIT_BYTES + 1);
    expect(await post(big)).toMatchObject({ status: 413, connection: "close" });
    const chunked = new ReadableStream({ start: (c) => (c.enqueue(new TextEncoder().encode(big)), c.close()) });
    expect(await post(chunked as unknown as Uint8Array)).toMatchObject({ status: 413, connection: "close" });
  });
});

describe("answerSslCheck", () => {
  it("answers Slack's unsigned SSL check 200, and passes on anything else unread", async () => {
    const post = await serve(readSlackBody(), answerSslCheck());
    expect(await post("ssl_check=1&token=x")).toEqual({ status: 200, text: "", connection: "keep-alive" });
    for (const body of ["ssl_check=0", "payload=%7B%22ssl_check%22%3A%221%22%7D", "command=%2Frefund"]) expect((await post(body)).status, body).toBe(299);
    expect((await post("ssl_check=1", { "content-type": "application/json" })).status).toBe(299);
  });
});

describe("verifySlackSignature", () => {
  it("passes a body signed with the secret in time; refuses 401 another secret, a changed body, a stale time, no signature", async () => {
    const post = await serve(readSlackBody(), verifySlackSignature(SECRET, log, () => NOW));
    const body = "command=%2Frefund&text=help";
    expect((await post(body, signed(body))).status).toBe(299);
    expect((await post(body, { ...signed(body), "x-slack-signature": sign(body, nowSeconds, "another-secret") })).status).toBe(401);
    expect((await post(body.replace("help", "report"), signed(body))).status).toBe(401);
    expect((await post(body, signed(body, nowSeconds - 600))).status).toBe(401);
    expect((await post(body)).status).toBe(401);
  });

  it("refuses 401 a signature header that is not exactly v0= and 64 hex digits, though Bolt would verify it", async () => {
    const post = await serve(readSlackBody(), verifySlackSignature(SECRET, log, () => NOW));
    const body = "command=%2Frefund&text=report";
    const good = signed(body);
    for (const signature of [`${good["x-slack-signature"]}=a`, good["x-slack-signature"].toUpperCase(), good["x-slack-signature"].replace("v0=", "v1="), good["x-slack-signature"].slice(0, -1)]) {
      expect((await post(body, { ...good, "x-slack-signature": signature })).status, signature).toBe(401);
    }
  });
});

describe("refuseUndispatchable", () => {
  it("refuses 400 a body Bolt would throw on; answers 200 at once a payload of no kind Bolt dispatches; passes the rest", async () => {
    const post = await serve(readSlackBody(), refuseUndispatchable(log));
    const json = { "content-type": "application/json" };
    for (const body of ["payload=null", "payload=42", "payload=not-json", "payload=%7B%22type%22%3A%22view_submission%22%7D"]) expect((await post(body)).status, body).toBe(400);
    for (const body of ["null", "[1]", '{"event":{}}']) expect((await post(body, json)).status, body).toBe(400);
    expect(await post('{"type":"app_rate_limited"}', json)).toMatchObject({ status: 200, text: "" });
    for (const body of ['{"type":"url_verification","challenge":"c"}', '{"type":"event_callback","event":{"type":"app_home_opened"}}']) expect((await post(body, json)).status, body).toBe(299);
    expect((await post("command=%2Frefund&user_id=U1&text=")).status).toBe(299);
  });
});
