import { AmbiguousProviderError, ProviderError } from "../../use-cases/ports/providers";

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface HttpRequest {
  method: "GET" | "POST" | "PUT";
  url: string;
  headers: Record<string, string>;
  body?: string;
  /** The whole exchange, connection to last byte of the body. */
  timeoutMs: number;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  text: string;
}

/** Errors from the socket layer that prove the request never left this machine: a retry is safe. */
const NOT_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "UND_ERR_CONNECT_TIMEOUT"]);

/**
 * One HTTP exchange with a provider, with the failure modes turned into ProviderErrors:
 * a timeout or a connection lost once the request may have been written ⇒ AmbiguousProviderError
 * (the effect may have happened); a connection that never opened ⇒ a plain transient error.
 * HTTP statuses are returned as they are: each client knows what its provider means by them.
 */
export async function sendHttp(provider: string, request: HttpRequest, fetchImpl: FetchLike = fetch): Promise<HttpResponse> {
  try {
    const response = await fetchImpl(request.url, {
      method: request.method,
      headers: request.headers,
      ...(request.body !== undefined ? { body: request.body } : {}),
      signal: AbortSignal.timeout(request.timeoutMs),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text };
  } catch (error) {
    throw classifyNetworkError(provider, error, request.timeoutMs);
  }
}

export function classifyNetworkError(provider: string, error: unknown, timeoutMs: number): ProviderError {
  if (error instanceof ProviderError) return error;
  if (isTimeout(error)) {
    return new AmbiguousProviderError({ provider, code: "timeout", message: `no complete answer within ${timeoutMs} ms` }, { cause: error });
  }
  const code = socketErrorCode(error);
  if (code && NOT_SENT_CODES.has(code)) {
    return new ProviderError({ provider, code: "connect_failed", message: `could not connect (${code})`, kind: "transient" }, { cause: error });
  }
  return new AmbiguousProviderError(
    { provider, code: "connection_lost", message: `connection lost${code ? ` (${code})` : ""}: ${errorMessage(error)}` },
    { cause: error },
  );
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
}

function socketErrorCode(error: unknown): string | undefined {
  // undici wraps socket errors: TypeError("fetch failed", { cause: { code } }), sometimes nested once more.
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth++) {
    if (typeof current === "object" && current !== null && "code" in current && typeof current.code === "string") return current.code;
    current = current instanceof Error ? current.cause : undefined;
  }
  return undefined;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
