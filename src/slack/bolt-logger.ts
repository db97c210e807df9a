import { LogLevel, type Logger as SlackLogger } from "@slack/web-api";
import type { Logger } from "../observability/logger";

/** Bolt logs through our pino logger, so its lines are structured and redacted like ours. */
export function boltLogger(log: Logger): SlackLogger {
  let level = LogLevel.INFO;
  const child = log.child({ component: "bolt" });
  const join = (parts: unknown[]) => parts.map((p) => (typeof p === "string" ? p : JSON.stringify(p))).join(" ");
  return {
    debug: (...msg) => child.debug(join(msg)),
    info: (...msg) => child.info(join(msg)),
    warn: (...msg) => child.warn(join(msg)),
    error: (...msg) => child.error(join(msg)),
    setLevel: (l) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
