import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { censorFields } from "../../../src/observability/censor-fields";
import { createLogger, maskLine } from "../../../src/observability/logger";

function capture(secrets: string[]) {
  const lines: string[] = [];
  const destination = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
  return { log: createLogger({ level: "debug", pretty: false, secrets, destination }), lines };
}

describe("log masking", () => {
  it("masks configured secrets, also JSON-escaped, wherever they appear in a line", () => {
    const secret = 'sig"ning\\secret-0123';
    const line = JSON.stringify({ msg: `failed with ${secret}`, nested: { deep: { value: secret } } });
    const masked = maskLine(line, [secret]);
    expect(masked).not.toContain("sig\\\"ning");
    expect(masked).not.toContain("secret-0123");
    expect(masked).toContain("[redacted]");
  });

  it("masks Slack tokens, request signatures, basic-auth headers and e-mail addresses by their shape", () => {
    const line = JSON.stringify({
      msg: "call failed",
      err: { message: "Authorization: Bearer xoxb-1234-5678-abcdef", headers: { "x-slack-signature": `v0=${"a".repeat(64)}`, other: `v1=${"0f".repeat(32)}`, auth: "Basic b3BzOnNlY3JldC1wYXNz" } },
      text: "write to hanako.yamada+refund@example.co.jp or xapp-1-A0-123",
    });
    const masked = maskLine(line);
    for (const leak of ["xoxb-1234", "a".repeat(64), "0f".repeat(32), "b3BzOnNlY3JldC1wYXNz", "hanako.yamada", "example.co.jp", "xapp-1"]) expect(masked).not.toContain(leak);
    expect(JSON.parse(masked)).toMatchObject({ msg: "call failed" });
  });

  it("leaves ordinary lines as they are", () => {
    const line = JSON.stringify({ level: 30, requestId: 12, msg: "request decided", ruleIds: ["C8", "G2"], outcome: "allow" });
    expect(maskLine(line, ["a-long-secret-value"])).toBe(line);
  });

  it("masks what a logger writes, including an error's message and a field no redact path names", () => {
    const { log, lines } = capture(["intake-secret-0123456789"]);
    log.child({ requestId: 7 }).error({ err: new Error("HMAC with intake-secret-0123456789 failed"), options: { config: { headers: { Authorization: "Bearer xoxb-999-888-zzz" } } } }, "boom");
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain("intake-secret-0123456789");
    expect(lines[0]).not.toContain("xoxb-999");
    expect(JSON.parse(lines[0]!)).toMatchObject({ requestId: 7, msg: "boom" });
  });
});

describe("fields that never reach a log line", () => {
  it("are written as [redacted] at any of the first four levels, in objects, arrays, errors and a child's bindings", () => {
    const { log, lines } = capture([]);
    const err = Object.assign(new Error("call failed"), { data: { headers: { authorization: "Bearer opaque-credential-1", "x-slack-signature": "opaque-signature-2" } } });
    const logged = { order: { customerEmail: "opaque-contact-3", lines: [{ address: "opaque-address-4", sku: "A-1" }] }, config: { slack: { botToken: "opaque-token-5" } }, err, requestId: 9 };
    log.child({ secrets: { api: "opaque-secret-6" } }).child({ job: { token: "opaque-token-7" } }).error(logged, "boom");
    const line = lines[0]!;
    for (const leak of ["opaque-credential-1", "opaque-signature-2", "opaque-contact-3", "opaque-address-4", "opaque-token-5", "opaque-secret-6", "opaque-token-7"]) expect(line).not.toContain(leak);
    const parsed = JSON.parse(line);
    expect(parsed).toMatchObject({ requestId: 9, secrets: "[redacted]", job: { token: "[redacted]" }, order: { customerEmail: "[redacted]", lines: [{ address: "[redacted]", sku: "A-1" }] }, config: { slack: { botToken: "[redacted]" } } });
    // The error is still written as an error: its type, message and stack, its own fields censored.
    expect(parsed.err).toMatchObject({ type: "Error", message: "call failed", data: { headers: { authorization: "[redacted]", "x-slack-signature": "[redacted]" } } });
    expect(parsed.err.stack).toContain("call failed");
    // What was logged is not changed.
    expect(logged.order.customerEmail).toBe("opaque-contact-3");
    expect(err.data.headers.authorization).toBe("Bearer opaque-credential-1");
  });

  it("leave an object without them as it is, without copying it", () => {
    const value = { requestId: 3, decision: { outcome: "allow", ruleIds: ["C1"] }, at: new Date(0) };
    expect(censorFields(value)).toBe(value);
    const deep = { a: { b: { c: { d: { token: "left: deeper than looked" } } } } };
    expect(censorFields(deep)).toBe(deep);
  });
});
