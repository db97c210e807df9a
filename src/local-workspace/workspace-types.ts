/** The shapes the local workspace keeps: people, channels, messages, views and files, as Slack has them. */

export interface Person {
  id: string;
  name: string;
  realName: string;
  /** What the person does here, shown beside their name in the switcher. */
  title: string;
  /** The person's Slack locale (users.info with include_locale), e.g. "zh-TW". */
  locale: string;
  tz: string;
  isBot?: boolean;
}

export interface Channel {
  id: string;
  name: string;
  /** A direct message with the bot: `D` and the person's id without its first letter. */
  isIm?: boolean;
  /** The person a direct message is with. */
  user?: string;
}

export interface FileRef {
  id: string;
  name: string;
  title: string;
}

export interface StoredMessage {
  channel: string;
  ts: string;
  threadTs?: string;
  user: string;
  text: string;
  blocks?: unknown[];
  files?: FileRef[];
  editedTs?: string;
  /** Ephemeral: only this person sees it, and it is not kept across restarts. */
  visibleTo?: string;
}

/** A modal or a home tab, as Slack gives it back to the app (id, hash and state added). */
export interface StoredView {
  id: string;
  hash: string;
  user: string;
  type: "modal" | "home";
  view: Record<string, unknown>;
  /** Errors the app answered to a submission, by block id. */
  errors?: Record<string, string>;
}

export interface HostedFile {
  id: string;
  name: string;
  title: string;
  content: string;
  user: string;
  /** Uploaded but not yet completed (files.completeUploadExternal): not shared anywhere yet. */
  pending?: boolean;
}

/** One call the bot made to the Web API (or to a response_url, or a file download). */
export interface SlackCall {
  method: string;
  body: Record<string, unknown>;
  token?: string;
  at: number;
  /** What the workspace answered. */
  response?: Record<string, unknown>;
}

export type SlackFault = { status: 429; retryAfterSeconds: number } | { status: 500 | 502 | 503 } | { error: string };

/** Where a response_url answer goes: the channel and person of a command, or the message a button was on. */
export interface ResponseHook {
  channel?: string;
  user?: string;
  messageTs?: string;
  uses: number;
  until: number;
}
