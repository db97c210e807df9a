import type { Services } from "./services";

/**
 * Signals are taken from the first moment: one that comes while the process starts (its web up,
 * its workers still connecting) is acted on once it has started. Left to the default action, it
 * killed the process half-started, without a word. Returns the function that hands over the shutdown.
 */
export function takeSignals(services: Pick<Services, "config" | "log">): (shutdown: (signal: string) => Promise<void>) => void {
  const { config, log } = services;
  let shutdown: ((signal: string) => Promise<void>) | undefined;
  let signalWhileStarting: string | undefined;
  const onSignal = (signal: string) => {
    if (shutdown) return void shutdown(signal);
    if (signalWhileStarting) return;
    signalWhileStarting = signal;
    log.info({ signal }, "signal received while starting: shutting down once started");
    // A start that hangs (Postgres or Redis never answering) must not make the process deaf to signals.
    setTimeout(() => {
      log.error({ timeoutMs: config.shutdownTimeoutMs }, "still starting when the shutdown time ran out: exiting");
      process.exit(1);
    }, config.shutdownTimeoutMs).unref();
  };
  process.on("SIGTERM", () => onSignal("SIGTERM"));
  process.on("SIGINT", () => onSignal("SIGINT"));
  return (started) => {
    shutdown = started;
    if (signalWhileStarting) void started(signalWhileStarting);
  };
}
