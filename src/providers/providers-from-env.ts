import { cyberbizConfigFromEnv, CyberbizOrderSource } from "./cyberbiz";
import { LinePayGateway, linePayConfigFromEnv } from "./line-pay";
import { qoo10ConfigFromEnv, Qoo10OrderSource } from "./qoo10";
import type { Env } from "../config/providers/provider-env";
import type { ProviderLogger } from "./shared/provider-logger";
import type { FetchLike } from "./shared/send-http";

/** The provider clients this deployment is configured for; null where its variables are unset. */
export interface ConfiguredProviders {
  cyberbiz: CyberbizOrderSource | null;
  qoo10: Qoo10OrderSource | null;
  linePay: LinePayGateway | null;
}

export interface ProvidersFromEnvDeps {
  log?: ProviderLogger;
  fetch?: FetchLike;
}

/**
 * Builds every provider client the environment configures (LINEPAY_*, CYBERBIZ_*, QOO10_*).
 * Throws a ProviderConfigError, naming each bad variable but never its value, when a provider's
 * variables are present but wrong.
 */
export function providersFromEnv(env: Env, deps: ProvidersFromEnvDeps = {}): ConfiguredProviders {
  const cyberbiz = cyberbizConfigFromEnv(env);
  const qoo10 = qoo10ConfigFromEnv(env);
  const linePay = linePayConfigFromEnv(env);
  return {
    cyberbiz: cyberbiz && new CyberbizOrderSource(cyberbiz, deps),
    qoo10: qoo10 && new Qoo10OrderSource(qoo10, deps),
    linePay: linePay && new LinePayGateway(linePay, deps),
  };
}
