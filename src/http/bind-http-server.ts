import { createServer, type RequestListener } from "node:http";
import type { AddressInfo } from "node:net";
import type { RunningServer } from "./start-http-server";

export interface BoundHttpServer {
  port: number;
  /** What the server answers from now on (until then: `early`). */
  serve(listener: RequestListener): RunningServer;
}

/**
 * An HTTP server listening before the app that will answer on it is built: for a process whose
 * configuration needs its own port (a Web API it serves to itself). Until `serve`, `early` answers.
 * Closes as startHttpServer's servers do; `beforeClose` runs first (ending long-lived streams).
 */
export async function bindHttpServer(port: number, host: string, early: RequestListener, beforeClose: () => void = () => {}): Promise<BoundHttpServer> {
  let listener = early;
  const server = createServer({ keepAliveTimeout: 65_000, requestTimeout: 30_000 }, (req, res) => listener(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const bound = (server.address() as AddressInfo).port;
  return {
    port: bound,
    serve(next) {
      listener = next;
      return {
        server,
        port: bound,
        close: ({ forceAfterMs } = {}) =>
          new Promise<void>((resolve) => {
            beforeClose();
            const force = forceAfterMs === undefined ? undefined : setTimeout(() => server.closeAllConnections(), forceAfterMs);
            server.close(() => {
              clearTimeout(force);
              resolve();
            });
            server.closeIdleConnections();
          }),
      };
    },
  };
}
