import { parse as parseQueryString } from "node:querystring";
import { isDispatchableSlackPayload } from "./slack-payload-shape";

export const FORM = "application/x-www-form-urlencoded";
export const JSON_TYPE = "application/json";

export type SlackForm = Record<string, string | string[] | undefined>;

export const PAYLOAD_FIELD = "payload=";

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * A form body, read as `querystring.parse` reads it (as Bolt does). Clicks and modal submissions
 * are one `payload` field holding a JSON document of several KiB, decoded with
 * `decodeURIComponent` in half of `querystring.parse`'s time (docs/performance.md). Anything else,
 * or a malformed escape, goes through `querystring.parse`.
 */
export function parseSlackForm(text: string): SlackForm {
  if (text.startsWith(PAYLOAD_FIELD) && !text.includes("&")) {
    try {
      return { payload: decodeURIComponent(text.slice(PAYLOAD_FIELD.length).replaceAll("+", " ")) };
    } catch {
      // querystring.parse keeps a malformed escape as it is, where decodeURIComponent throws.
    }
  }
  return parseQueryString(text);
}

/**
 * The object Bolt dispatches for a signed body, parsed once: the form's `payload` field as JSON
 * when there is one, else the form itself; without a form, the body as JSON. Undefined when Bolt
 * could not dispatch it without throwing (no object, or a payload without the fields Bolt reads:
 * see slack-payload-shape).
 */
export function slackBodyOf(text: string, form: SlackForm | undefined): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = form ? (typeof form.payload === "string" ? JSON.parse(form.payload) : form) : JSON.parse(text);
    return isObject(parsed) && isDispatchableSlackPayload(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}
