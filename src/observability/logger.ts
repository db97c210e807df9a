import { pino, type Logger } from "pino";

export type { Logger };

/**
 * Paths that must never reach a log line: credentials, and customers' contact data.
 * pino replaces them with "[redacted]" wherever they appear at these depths.
 */
const REDACTED_PATHS = [
  "token", "*.token", "*.*.token",
  "botToken", "*.botToken", "signingSecret", "*.signingSecret", "appToken", "*.appToken",
  "secret", "*.secret", "channelSecret", "*.channelSecret", "sellerKey", "*.sellerKey", "apiToken", "*.apiToken",
  "password", "*.password",
  "authorization", "*.authorization", "*.headers.authorization", "*.headers.Authorization",
  "headers[\"x-slack-signature\"]", "*.headers[\"x-slack-signature\"]",
  "secrets", "*.secrets", "*.*.secrets", "signature", "*.signature",
  "headers[\"x-refund-desk-signature\"]", "*.headers[\"x-refund-desk-signature\"]",
  "email", "*.email", "*.*.email", "phone", "*.phone", "*.*.phone", "address", "*.address",
  "customerName", "*.customerName", "customerEmail", "*.customerEmail", "*.*.customerEmail", "customerMessage", "*.customerMessage", "*.*.customerMessage",
];

export interface LoggerOptions {
  level: string;
  name?: string;
  /** Pretty, human output: on by default when stdout is a terminal. */
  pretty?: boolean;
}

export function createLogger({ level, name = "refund-desk", pretty = process.stdout.isTTY === true }: LoggerOptions): Logger {
  return pino({
    name,
    level,
    redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
    ...(pretty ? { transport: { target: "pino-pretty", options: { colorize: true, translateTime: "SYS:HH:MM:ss.l" } } } : {}),
  });
}
