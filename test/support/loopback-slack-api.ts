import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface LoopbackSlackApi {
  /** What SLACK_API_URL takes: `http://127.0.0.1:<port>/api/`. */
  url: string;
  close(): void;
}

/** A Slack Web API on loopback that answers every call with `answer`, given the call's whole body. */
export async function loopbackSlackApi(answer: (req: IncomingMessage, res: ServerResponse, body: string) => void): Promise<LoopbackSlackApi> {
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => answer(req, res, body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

export interface SeenCall {
  path: string;
  type: string;
  authorization: string;
  body: string;
}

/** A loopback Slack API that records each call as it came and answers a posted message. */
export async function recordingSlackApi(): Promise<LoopbackSlackApi & { seen: SeenCall[] }> {
  const seen: SeenCall[] = [];
  const api = await loopbackSlackApi((req, res, body) => {
    seen.push({ path: req.url ?? "", type: req.headers["content-type"] ?? "", authorization: req.headers.authorization ?? "", body });
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: true, channel: "C0REQ", ts: "1.000001" }));
  });
  return { ...api, seen };
}

/** The URL of a Slack API nobody listens on (a port just closed). */
export async function unansweredSlackApiUrl(): Promise<string> {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  return `http://127.0.0.1:${port}/api/`;
}
