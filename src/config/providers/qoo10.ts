import { z } from "zod";
import { httpUrl, parseProviderEnv, presentOnly, timeoutMs, type Env } from "./provider-env";

/** A fixed UTC offset such as `+08:00` (Asia/Taipei) or `+09:00` (Asia/Tokyo); neither zone has DST. */
export type UtcOffset = `${"+" | "-"}${string}:${string}`;

export const QOO10_DEFAULT_URL = "https://api.qoo10.jp";

export interface Qoo10Config {
  /** Base URL without a trailing slash. @defaultValue QOO10_DEFAULT_URL */
  apiUrl: string;
  /** The seller authorization key (GiosisCertificationKey); never logged. */
  sellerKey: string;
  /** @defaultValue 15 000 */
  timeoutMs: number;
  /** QAPI dates are the site's local time: Japan for qoo10.jp. @defaultValue "+09:00" */
  utcOffset: UtcOffset;
  /** When an order's country says nothing about the buyer's language. @defaultValue "ja-JP" */
  defaultBuyerLocale: string;
  /** Sends of one buyer message before giving up (Q5: a failed send is retried). @defaultValue 3 */
  messageAttempts: number;
  /** Wait between those sends, growing linearly. @defaultValue 2 000 */
  messageRetryDelayMs: number;
}

const VARIABLES = ["QOO10_API_URL", "QOO10_SELLER_KEY", "QOO10_TIMEOUT_MS"] as const;

const qoo10EnvSchema = z.object({
  QOO10_API_URL: httpUrl(QOO10_DEFAULT_URL).default(QOO10_DEFAULT_URL),
  QOO10_SELLER_KEY: z.string().min(8),
  QOO10_TIMEOUT_MS: timeoutMs(1_000, 15_000),
});

/** Qoo10 settings from the environment; null when QOO10_SELLER_KEY is not set. */
export function qoo10ConfigFromEnv(env: Env): Qoo10Config | null {
  const values = presentOnly(env, VARIABLES);
  if (!values.QOO10_SELLER_KEY) return null;
  const parsed = parseProviderEnv("Qoo10", qoo10EnvSchema, values);
  return {
    apiUrl: parsed.QOO10_API_URL,
    sellerKey: parsed.QOO10_SELLER_KEY,
    timeoutMs: parsed.QOO10_TIMEOUT_MS,
    utcOffset: "+09:00",
    defaultBuyerLocale: "ja-JP",
    messageAttempts: 3,
    messageRetryDelayMs: 2_000,
  };
}
