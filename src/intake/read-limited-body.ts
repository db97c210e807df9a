import type { Readable } from "node:stream";

export type LimitedBody = { ok: true; body: Buffer } | { ok: false; problem: "too_large" | "aborted" };

const ignore = () => {};

/**
 * Reads a request body of at most `limitBytes`. A declared Content-Length over the limit is refused
 * before a byte is read; an undeclared (chunked) body is read until it passes the limit, and then
 * reading stops: the stream is paused and its listeners removed, so nothing past the limit is kept.
 * The caller answers 413 and closes the connection.
 */
export function readLimitedBody(stream: Readable, limitBytes: number, declaredLength?: string): Promise<LimitedBody> {
  if (declaredLength !== undefined && /^\d+$/.test(declaredLength) && Number(declaredLength) > limitBytes) {
    return Promise.resolve({ ok: false, problem: "too_large" });
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const finish = (result: LimitedBody) => {
      stream.off("data", onData);
      stream.off("end", onEnd);
      stream.off("error", onFailure);
      stream.off("aborted", onFailure);
      stream.off("close", onClose);
      // A stream we stopped reading may still fail later (the client resets): that must not crash the process.
      stream.on("error", ignore);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > limitBytes) {
        stream.pause();
        finish({ ok: false, problem: "too_large" });
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => finish({ ok: true, body: Buffer.concat(chunks, received) });
    const onFailure = () => finish({ ok: false, problem: "aborted" });
    // A stream closed before its end (the client went away) never emits "end".
    const onClose = () => {
      if (!stream.readableEnded) onFailure();
    };
    stream.on("data", onData);
    stream.on("end", onEnd);
    stream.on("error", onFailure);
    stream.on("aborted", onFailure);
    stream.on("close", onClose);
  });
}
