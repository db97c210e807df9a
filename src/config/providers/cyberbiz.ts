import { z } from "zod";
import { httpUrl, parseProviderEnv, presentOnly, timeoutMs, type Env } from "./provider-env";

export const CYBERBIZ_DEFAULT_URL = "https://app-store-api.cyberbiz.io";

/**
 * Cyberbiz allows 5 requests per second per token. The window carries a 100 ms margin: requests
 * leave here spaced by the window but reach Cyberbiz with a few ms of jitter, and a 6th arriving
 * 999 ms after the 1st would be refused.
 */
export const CYBERBIZ_RATE_LIMIT = { limit: 5, windowMs: 1_100 } as const;

export interface CyberbizConfig {
  /** Base URL without a trailing slash. @defaultValue CYBERBIZ_DEFAULT_URL */
  apiUrl: string;
  /** The app's API token (a JWT for one shop); sent as a Bearer token, never logged. */
  apiToken: string;
  /** @defaultValue 15 000 */
  timeoutMs: number;
  /** Cyberbiz orders carry no currency: the shop's. @defaultValue "TWD" */
  currency: string;
  /** Cyberbiz orders carry no language: the shop's customers'. @defaultValue "zh-TW" */
  buyerLocale: string;
  /** @defaultValue CYBERBIZ_RATE_LIMIT */
  rateLimit: { limit: number; windowMs: number };
}

const VARIABLES = ["CYBERBIZ_API_URL", "CYBERBIZ_API_TOKEN", "CYBERBIZ_TIMEOUT_MS"] as const;

const cyberbizEnvSchema = z.object({
  CYBERBIZ_API_URL: httpUrl(CYBERBIZ_DEFAULT_URL).default(CYBERBIZ_DEFAULT_URL),
  CYBERBIZ_API_TOKEN: z.string().min(16),
  CYBERBIZ_TIMEOUT_MS: timeoutMs(1_000, 15_000),
});

/** Cyberbiz settings from the environment; null when CYBERBIZ_API_TOKEN is not set. */
export function cyberbizConfigFromEnv(env: Env): CyberbizConfig | null {
  const values = presentOnly(env, VARIABLES);
  if (!values.CYBERBIZ_API_TOKEN) return null;
  const parsed = parseProviderEnv("Cyberbiz", cyberbizEnvSchema, values);
  return {
    apiUrl: parsed.CYBERBIZ_API_URL,
    apiToken: parsed.CYBERBIZ_API_TOKEN,
    timeoutMs: parsed.CYBERBIZ_TIMEOUT_MS,
    currency: "TWD",
    buyerLocale: "zh-TW",
    rateLimit: { ...CYBERBIZ_RATE_LIMIT },
  };
}
