import type { RequestHandler } from "express";
import getRawBody from "raw-body";
import { FORM, JSON_TYPE } from "../parse-slack-body";
import type { SlackHttpRequest } from "./slack-request";

/**
 * Slack's payloads are a few KiB (a full modal's state stays well under this); Bolt's default of
 * 4 MiB would let anyone make the process buffer that much before the signature is checked.
 */
export const SLACK_BODY_LIMIT_BYTES = 256 * 1024;

const isRawBodyError = (error: unknown): error is Error & { type: string } => error instanceof Error && typeof (error as { type?: unknown }).type === "string";

/**
 * Reads the body for the checks after it and for Bolt's receiver: 415 for a content type Slack
 * never sends, 413 for a body over SLACK_BODY_LIMIT_BYTES (a declared length is refused before a
 * byte is read; the rest of a body is never read), and a request whose client went away is dropped.
 */
export function readSlackBody(): RequestHandler {
  return (req, res, next) => {
    const contentType = (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
    if (contentType !== FORM && contentType !== JSON_TYPE) return res.status(415).set("connection", "close").json({ error: "unsupported_media_type" });
    const length = req.headers["content-length"];
    getRawBody(req, { limit: SLACK_BODY_LIMIT_BYTES, ...(length !== undefined && /^\d+$/.test(length) ? { length } : {}) })
      .then((body) => {
        (req as SlackHttpRequest).rawBody = body;
        next();
      })
      .catch((error: unknown) => {
        if (isRawBodyError(error) && error.type === "entity.too.large") {
          // A stream we stopped reading may still fail later (the client resets): that must not crash the process.
          req.on("error", () => undefined);
          return res.status(413).set("connection", "close").json({ error: "payload_too_large", limitBytes: SLACK_BODY_LIMIT_BYTES });
        }
        res.destroy();
      });
  };
}
