import type { WebClient } from "@slack/web-api";

/** A CSV of 10,000 orders is well under this. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

export type FileRead = { ok: true; text: string; name: string } | { ok: false; problem: string };

/**
 * Whether the bot token may be sent to `url`: Slack's own file hosts, or the Web API's own origin
 * (a sandbox or a test's fake). Never anywhere else, whatever a file object says.
 */
export function isSlackFileUrl(url: string, apiUrl?: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (apiUrl && parsed.origin === new URL(apiUrl).origin) return true;
  return parsed.protocol === "https:" && (parsed.hostname === "files.slack.com" || parsed.hostname.endsWith(".slack.com"));
}

/**
 * Reads a file that a user uploaded in a modal (`file_input`): its metadata with files.info
 * (scope files:read), then its content from `url_private_download` with the bot token, up to
 * `MAX_FILE_BYTES`. Fast enough for a view submission's 3 seconds; any failure is a problem to
 * show in the modal, not a crash.
 */
export async function readSlackFile(client: WebClient, fileId: string, options: { token: string; apiUrl?: string; timeoutMs?: number }): Promise<FileRead> {
  let file: { name?: string; size?: number; url_private_download?: string; url_private?: string } | undefined;
  try {
    file = (await client.files.info({ file: fileId })).file;
  } catch {
    return { ok: false, problem: "Slack did not let the bot read that file (it needs the files:read scope). Paste the lines instead." };
  }
  const url = file?.url_private_download ?? file?.url_private;
  if (!file || !url) return { ok: false, problem: "Slack did not say where the file is. Upload it again, or paste the lines." };
  if ((file.size ?? 0) > MAX_FILE_BYTES) return { ok: false, problem: `The file is over ${MAX_FILE_BYTES / 1024 / 1024} MB: split it.` };
  if (!isSlackFileUrl(url, options.apiUrl)) return { ok: false, problem: "That file is not hosted by Slack." };
  try {
    const res = await fetch(url, { headers: { authorization: `Bearer ${options.token}` }, signal: AbortSignal.timeout(options.timeoutMs ?? 2_000), redirect: "error" });
    if (!res.ok) return { ok: false, problem: `Slack answered ${res.status} for the file. Upload it again, or paste the lines.` };
    const body = await res.arrayBuffer();
    if (body.byteLength > MAX_FILE_BYTES) return { ok: false, problem: `The file is over ${MAX_FILE_BYTES / 1024 / 1024} MB: split it.` };
    return { ok: true, text: new TextDecoder("utf-8").decode(body), name: file.name ?? fileId };
  } catch {
    return { ok: false, problem: "The file could not be downloaded from Slack just now. Submit again." };
  }
}
