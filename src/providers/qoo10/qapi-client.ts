import { ProviderError } from "../../use-cases/ports/providers";
import { parseJsonLossless } from "../shared/lossless-json";
import { silentLogger, type ProviderLogger } from "../shared/provider-logger";
import { parseRetryAfter } from "../shared/retry-after";
import { sendHttp, type FetchLike } from "../shared/send-http";
import type { Qoo10Config } from "../../config/providers/qoo10";
import { QAPI_PATH } from "./qapi-methods";
import { qapiEnvelopeSchema } from "./schemas";

export const QOO10_PROVIDER = "qoo10";

export interface QapiClientDeps {
  fetch?: FetchLike;
  log?: ProviderLogger;
  now?: () => number;
}

/**
 * One QAPI call: form-urlencoded POST with the seller key header, `returnType=json`, and the
 * answer's ResultCode checked (HTTP is 200 even on errors). Returns `ResultObject`; any non-zero
 * code becomes a permanent ProviderError whose `code` is the ResultCode as text.
 */
export class QapiClient {
  private readonly fetchImpl: FetchLike;
  private readonly log: ProviderLogger;
  private readonly now: () => number;

  constructor(
    private readonly config: Qoo10Config,
    deps: QapiClientDeps = {},
  ) {
    this.fetchImpl = deps.fetch ?? fetch;
    this.log = deps.log ?? silentLogger;
    this.now = deps.now ?? Date.now;
  }

  async call(method: string, params: Record<string, string>): Promise<unknown> {
    const started = this.now();
    const body = new URLSearchParams({ ...params, returnType: "json" }).toString();
    const response = await sendHttp(
      QOO10_PROVIDER,
      {
        method: "POST",
        url: `${this.config.apiUrl}${QAPI_PATH}/${method}`,
        headers: {
          "Content-Type": "application/x-www-form-urlencoded; charset=UTF-8",
          Accept: "application/json",
          GiosisCertificationKey: this.config.sellerKey,
          QAPIVersion: "1.0",
        },
        body,
        timeoutMs: this.config.timeoutMs,
      },
      this.fetchImpl,
    ).catch((error: unknown) => {
      this.log.warn({ provider: QOO10_PROVIDER, method, code: error instanceof ProviderError ? error.code : undefined, ms: this.now() - started }, "QAPI call failed");
      throw error;
    });

    if (response.status !== 200) {
      const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"), this.now());
      this.log.warn({ provider: QOO10_PROVIDER, method, status: response.status, ms: this.now() - started }, "QAPI answered an HTTP error");
      throw new ProviderError({
        provider: QOO10_PROVIDER,
        code: `http_${response.status}`,
        message: `QAPI answered HTTP ${response.status}`,
        // QAPI answers 200 for everything it understood: another status is the gateway in front of it.
        kind: response.status >= 500 || response.status === 429 || response.status === 408 ? "transient" : "permanent",
        httpStatus: response.status,
        ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
      });
    }

    let parsed: ReturnType<typeof qapiEnvelopeSchema.safeParse>;
    try {
      parsed = qapiEnvelopeSchema.safeParse(parseJsonLossless(response.text));
    } catch {
      parsed = qapiEnvelopeSchema.safeParse(undefined);
    }
    if (!parsed.success) {
      throw new ProviderError({ provider: QOO10_PROVIDER, code: "invalid_response", message: `QAPI ${method} answered something other than its JSON envelope`, kind: "transient", httpStatus: 200 });
    }
    const envelope = parsed.data;
    const code = envelope.ResultCode ?? envelope.ErrorCode ?? 0;
    this.log.debug({ provider: QOO10_PROVIDER, method, resultCode: code, ms: this.now() - started }, "QAPI call");
    if (code !== 0) {
      throw new ProviderError({ provider: QOO10_PROVIDER, code: String(code), message: envelope.ResultMsg ?? envelope.ErrorMsg ?? `ResultCode ${code}`, kind: "permanent", httpStatus: 200 });
    }
    return envelope.ResultObject;
  }
}
