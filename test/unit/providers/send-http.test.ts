import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { AmbiguousProviderError, ProviderError } from "../../../src/use-cases/ports/providers";
import { sendHttp } from "../../../src/providers/shared/send-http";

let server: Server | undefined;

async function listen(handler: Parameters<typeof createServer>[1]): Promise<string> {
  server = createServer(handler);
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  if (!server) return;
  server.closeAllConnections();
  await new Promise<void>((resolve) => server!.close(() => resolve()));
  server = undefined;
});

describe("sendHttp", () => {
  it("returns status, headers and body text as they came", async () => {
    const url = await listen((_req, res) => {
      res.writeHead(503, { "retry-after": "1", "content-type": "text/plain" });
      res.end("busy");
    });
    const response = await sendHttp("test", { method: "GET", url, headers: {}, timeoutMs: 2000 });
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("1");
    expect(response.text).toBe("busy");
  });

  it("turns a timeout into an AmbiguousProviderError (the request may have been acted on)", async () => {
    const url = await listen(() => {
      /* never answers */
    });
    const error = await sendHttp("test", { method: "POST", url, headers: {}, body: "{}", timeoutMs: 100 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AmbiguousProviderError);
    expect(error).toMatchObject({ provider: "test", code: "timeout", kind: "transient" });
  });

  it("turns a connection dropped mid-request into an AmbiguousProviderError", async () => {
    const url = await listen((req) => req.socket.destroy());
    const error = await sendHttp("test", { method: "POST", url, headers: {}, body: "{}", timeoutMs: 2000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AmbiguousProviderError);
    expect(error).toMatchObject({ code: "connection_lost", kind: "transient" });
  });

  it("turns a refused connection into a plain transient error: nothing was sent", async () => {
    const url = await listen(() => undefined);
    server!.closeAllConnections();
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;
    const error = await sendHttp("test", { method: "POST", url, headers: {}, body: "{}", timeoutMs: 2000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).not.toBeInstanceOf(AmbiguousProviderError);
    expect(error).toMatchObject({ code: "connect_failed", kind: "transient" });
  });
});
