import type { Logger } from "pino";

/**
 * What a provider client logs through: one line per call (operation, status, provider code,
 * duration). Clients never log headers, bodies, credentials or customer contact data.
 */
export type ProviderLogger = Pick<Logger, "debug" | "warn">;

export const silentLogger: ProviderLogger = {
  debug: () => undefined,
  warn: () => undefined,
};
