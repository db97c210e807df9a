import { Agent, request } from "undici";

type Fetch = typeof globalThis.fetch;

/** The body of each answer `leanSlackFetch` gave, as text: read by whoever looks into it before the WebClient does, without a copy of its stream. */
export const answerTexts = new WeakMap<Response, string>();

/**
 * Keep-alive connections to the Slack API, shared by every Slack client of the process. Enough
 * sockets for the calls a worker keeps in flight.
 */
export const slackAgent = new Agent({ connections: 64, keepAliveTimeout: 30_000, pipelining: 1 });

/**
 * The `fetch` Slack's WebClient is given: its Web API calls (a form-encoded or JSON string body,
 * a small JSON answer) go through undici's `request`, which skips the WHATWG streams that
 * `fetch` builds around every request and response. With `timeoutMs`, a call that gets no headers,
 * or whose body stops, for that long fails: undici's own timers, where the WebClient's timeout
 * holds an AbortSignal, and the request with it, until a full garbage collection. Anything else
 * (file uploads: form data, buffers) takes the platform's `fetch`, unchanged.
 */
export function leanSlackFetch({ timeoutMs }: { timeoutMs?: number } = {}, fallback: Fetch = globalThis.fetch): Fetch {
  return async (input, init) => {
    const body = init?.body;
    if (typeof input !== "string" || (body !== undefined && body !== null && typeof body !== "string")) return fallback(input, init);
    const answer = await request(input, {
      method: (init?.method ?? "GET") as "GET" | "POST",
      headers: headerRecord(init?.headers),
      ...(typeof body === "string" ? { body } : {}),
      ...(init?.signal ? { signal: init.signal } : {}),
      ...(timeoutMs !== undefined ? { headersTimeout: timeoutMs, bodyTimeout: timeoutMs } : {}),
      dispatcher: slackAgent,
    });
    const text = await answer.body.text();
    const headers = new Headers();
    for (const [name, value] of Object.entries(answer.headers)) {
      if (Array.isArray(value)) for (const one of value) headers.append(name, one);
      else if (value !== undefined) headers.set(name, value);
    }
    // A body is not allowed on these statuses in a Response.
    const empty = answer.statusCode === 204 || answer.statusCode === 304;
    const response = new Response(empty ? null : text, { status: answer.statusCode, headers });
    answerTexts.set(response, text);
    return response;
  };
}

function headerRecord(headers: NonNullable<Parameters<Fetch>[1]>["headers"]): Record<string, string> {
  if (!headers) return {};
  if (headers instanceof Headers) return Object.fromEntries(headers.entries());
  if (Array.isArray(headers)) return Object.fromEntries(headers);
  return headers as Record<string, string>;
}
