import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { readLimitedBody } from "../../../src/intake/read-limited-body";

const LIMIT = 1024;

function chunksOf(...chunks: Buffer[]): Readable {
  return Readable.from(chunks, { objectMode: false });
}

/** A body that never ends, counting how much of it was pulled. */
function endless(chunkSize: number): { stream: Readable; pulled: () => number } {
  let pulled = 0;
  const stream = new Readable({
    read() {
      pulled += chunkSize;
      // Asynchronously, as a socket delivers: a reader that never stops would keep the test running, not hang it.
      setImmediate(() => this.push(Buffer.alloc(chunkSize, 0x61)));
    },
  });
  return { stream, pulled: () => pulled };
}

describe("reading a body up to a limit", () => {
  it("returns the whole body when it fits, up to exactly the limit", async () => {
    await expect(readLimitedBody(chunksOf(Buffer.from("{}")), LIMIT)).resolves.toEqual({ ok: true, body: Buffer.from("{}") });
    const exact = await readLimitedBody(chunksOf(Buffer.alloc(1000, 1), Buffer.alloc(24, 2)), LIMIT, String(LIMIT));
    expect(exact.ok && exact.body.length).toBe(LIMIT);
  });

  it("refuses a declared length over the limit without reading a byte", async () => {
    const { stream, pulled } = endless(16);
    await expect(readLimitedBody(stream, LIMIT, String(LIMIT + 1))).resolves.toEqual({ ok: false, problem: "too_large" });
    expect(pulled()).toBe(0);
  });

  it("refuses a body one byte over the limit", async () => {
    await expect(readLimitedBody(chunksOf(Buffer.alloc(LIMIT + 1)), LIMIT)).resolves.toEqual({ ok: false, problem: "too_large" });
  });

  it("stops reading a body that never ends once it passes the limit", async () => {
    const { stream, pulled } = endless(256);
    await expect(readLimitedBody(stream, LIMIT)).resolves.toEqual({ ok: false, problem: "too_large" });
    // Give a reader that kept going the time to pull far more than the limit.
    await new Promise((resolve) => setTimeout(resolve, 50));
    // What was pulled is the limit plus the stream's own read-ahead (its 16 KiB high-water mark), and no more.
    expect(pulled()).toBeLessThanOrEqual(LIMIT + stream.readableHighWaterMark + 2 * 256);
    expect(stream.isPaused()).toBe(true);
  });

  it("reports a body whose sender went away", async () => {
    const stream = new Readable({ read() {} });
    stream.push(Buffer.from("{"));
    const reading = readLimitedBody(stream, LIMIT);
    stream.destroy(new Error("socket hang up"));
    await expect(reading).resolves.toEqual({ ok: false, problem: "aborted" });
  });
});
