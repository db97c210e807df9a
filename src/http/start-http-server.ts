import { createServer, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface RunningServer {
  server: Server;
  port: number;
  /**
   * Stops accepting connections and lets in-flight requests finish; idle keep-alive connections
   * close at once. Requests still running after `forceAfterMs` have their connections cut.
   */
  close(options?: { forceAfterMs?: number }): Promise<void>;
}

/** Listens on `port` (0: any free port, for tests) and closes gracefully: in-flight requests finish. */
export async function startHttpServer(listener: RequestListener, port: number): Promise<RunningServer> {
  const server = createServer({ keepAliveTimeout: 65_000, requestTimeout: 30_000 }, listener);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, () => resolve());
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close: ({ forceAfterMs } = {}) =>
      new Promise<void>((resolve) => {
        const force = forceAfterMs === undefined ? undefined : setTimeout(() => server.closeAllConnections(), forceAfterMs);
        server.close(() => {
          clearTimeout(force);
          resolve();
        });
        server.closeIdleConnections();
      }),
  };
}
