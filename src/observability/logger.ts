import { createRequire } from "node:module";
import { pino, type Logger, type LoggerOptions as PinoOptions } from "pino";
import { censorFields } from "./censor-fields";

export type { Logger };

export interface LoggerOptions {
  level: string;
  name?: string;
  /** Pretty, human output: on by default when stdout is a terminal and pino-pretty is installed (a development tool). */
  pretty?: boolean;
  /** Values (tokens, secrets, passwords) masked wherever they appear in a line, even inside an error's message. */
  secrets?: readonly string[];
  /** Where lines go instead of stdout (tests); never pretty. */
  destination?: NodeJS.WritableStream;
}

/**
 * What looks like a credential whatever its field: Slack tokens, request signatures (Slack's v0=,
 * the intake's v1=), basic-auth headers; and e-mail addresses, which in this bot can only be a
 * customer's. `censorFields` catches known fields; this catches what hides in messages and nested errors.
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

/** pino-pretty is a development dependency: a production install (`--omit=dev`) logs JSON even on a terminal. */
function prettyInstalled(): boolean {
  try {
    createRequire(import.meta.url).resolve("pino-pretty");
    return true;
  } catch {
    return false;
  }
}

export function createLogger({ level, name = "refund-desk", pretty = process.stdout.isTTY === true && prettyInstalled(), secrets = [], destination }: LoggerOptions): Logger {
  // Short values would mask ordinary words; the configuration refuses secrets that short anyway.
  const masked = secrets.filter((secret) => secret.length >= 8);
  const options: PinoOptions<never> = {
    name,
    level,
    // Credentials and contact data by field name (a child's bindings: below).
    formatters: { log: (object) => censorFields(object) },
    hooks: { streamWrite: (line) => maskLine(line, masked) },
    ...(pretty && !destination ? { transport: { target: "pino-pretty", options: { colorize: true, translateTime: "SYS:HH:MM:ss.l" } } } : {}),
  };
  const logger = destination ? pino(options, destination) : pino(options);
  // pino formats only the root's bindings; a child is made from its parent, so this reaches every child's.
  const child = logger.child;
  logger.child = function (this: Logger, bindings, childOptions) {
    return child.call(this, censorFields(bindings), childOptions);
  } as typeof child;
  return logger;
}
