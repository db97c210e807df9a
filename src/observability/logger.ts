import { pino, type Logger, type LoggerOptions as PinoOptions } from "pino";

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
  /** Values (tokens, secrets, passwords) masked wherever they appear in a line, even inside an error's message. */
  secrets?: readonly string[];
  /** Where lines go instead of stdout (tests); never pretty. */
  destination?: NodeJS.WritableStream;
}

/**
 * What looks like a credential whatever its field: Slack tokens, request signatures (Slack's v0=,
 * the intake's v1=), basic-auth headers; and e-mail addresses, which in this bot can only be a
 * customer's. Paths above catch known fields; this catches what hides in messages and nested errors.
 */
const CREDENTIAL_PATTERNS: [RegExp, string][] = [
  [/\bxox[a-z]-[A-Za-z0-9-]+/g, "[redacted-token]"],
  [/\bxapp-[A-Za-z0-9-]+/g, "[redacted-token]"],
  [/\bv[01]=[0-9a-fA-F]{64}\b/g, "[redacted-signature]"],
  [/\bBasic [A-Za-z0-9+/]{6,}={0,2}/g, "Basic [redacted]"],
  [/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, "[redacted-email]"],
];

/** The last step before a line is written: masks every secret and credential-like string in it. */
export function maskLine(line: string, secrets: readonly string[] = []): string {
  let masked = line;
  for (const secret of secrets) {
    // As the value appears in a JSON line: quotes and backslashes escaped.
    for (const form of new Set([secret, JSON.stringify(secret).slice(1, -1)])) masked = masked.replaceAll(form, "[redacted]");
  }
  for (const [pattern, replacement] of CREDENTIAL_PATTERNS) masked = masked.replace(pattern, replacement);
  return masked;
}

export function createLogger({ level, name = "refund-desk", pretty = process.stdout.isTTY === true, secrets = [], destination }: LoggerOptions): Logger {
  // Short values would mask ordinary words; the configuration refuses secrets that short anyway.
  const masked = secrets.filter((secret) => secret.length >= 8);
  const options: PinoOptions<never> = {
    name,
    level,
    redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
    hooks: { streamWrite: (line) => maskLine(line, masked) },
    ...(pretty && !destination ? { transport: { target: "pino-pretty", options: { colorize: true, translateTime: "SYS:HH:MM:ss.l" } } } : {}),
  };
  return destination ? pino(options, destination) : pino(options);
}
