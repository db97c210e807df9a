import { z } from "zod";
import { httpUrl, parseProviderEnv, presentOnly, timeoutMs, type Env } from "./provider-env";

export const LINE_PAY_SANDBOX_URL = "https://sandbox-api-pay.line.me";
export const LINE_PAY_PRODUCTION_URL = "https://api-pay.line.me";
/** LINE Pay asks for a read timeout of at least 20 s: a refund can take that long to answer. */
export const LINE_PAY_MIN_TIMEOUT_MS = 20_000;

export interface LinePayConfig {
  channelId: string;
  /** Signs every request; never logged, never sent. */
  channelSecret: string;
  /** Base URL without a trailing slash. @defaultValue LINE_PAY_SANDBOX_URL, except in production, where it must be set */
  apiUrl: string;
  /** Whole exchange, connect to last byte. @defaultValue LINE_PAY_MIN_TIMEOUT_MS */
  timeoutMs: number;
}

const VARIABLES = ["LINEPAY_CHANNEL_ID", "LINEPAY_CHANNEL_SECRET", "LINEPAY_API_URL", "LINEPAY_TIMEOUT_MS"] as const;

/**
 * The variables, checked. In production the API URL has no default: a deployment that forgot it
 * would send every refund to the sandbox, which answers like LINE Pay and refunds nobody.
 */
const linePayEnvSchema = (production: boolean) =>
  z.object({
    LINEPAY_CHANNEL_ID: z.string({ error: "required with LINEPAY_CHANNEL_SECRET" }).regex(/^\d{6,20}$/, { error: "expected the numeric channel id" }),
    LINEPAY_CHANNEL_SECRET: z.string({ error: "required with LINEPAY_CHANNEL_ID" }).min(8),
    LINEPAY_API_URL: production
      ? z.string({ error: "required with NODE_ENV=production (the sandbox refunds nobody)" }).pipe(httpUrl(LINE_PAY_PRODUCTION_URL))
      : httpUrl(LINE_PAY_SANDBOX_URL).default(LINE_PAY_SANDBOX_URL),
    // Lower than LINE Pay's minimum is refused here: only tests build a config with a shorter one.
    LINEPAY_TIMEOUT_MS: timeoutMs(LINE_PAY_MIN_TIMEOUT_MS, LINE_PAY_MIN_TIMEOUT_MS),
  });

/**
 * LINE Pay settings from the environment; null when neither LINEPAY_CHANNEL_ID nor
 * LINEPAY_CHANNEL_SECRET is set (no LINE Pay refunds on this deployment). Throws a
 * ProviderConfigError when they are set but incomplete or malformed, or, with NODE_ENV=production,
 * when LINEPAY_API_URL is not set.
 */
export function linePayConfigFromEnv(env: Env): LinePayConfig | null {
  const values = presentOnly(env, VARIABLES);
  if (!values.LINEPAY_CHANNEL_ID && !values.LINEPAY_CHANNEL_SECRET) return null;
  const parsed = parseProviderEnv("LINE Pay", linePayEnvSchema(env.NODE_ENV === "production"), values);
  return {
    channelId: parsed.LINEPAY_CHANNEL_ID,
    channelSecret: parsed.LINEPAY_CHANNEL_SECRET,
    apiUrl: parsed.LINEPAY_API_URL,
    timeoutMs: parsed.LINEPAY_TIMEOUT_MS,
  };
}
