import type { Db } from "../db/client";
import type { StateListener, WorkspaceState } from "./workspace-state";
import type { FileRef, HostedFile, StoredMessage, StoredView } from "./workspace-types";

/**
 * Keeps the local workspace's messages, App Homes and files in Postgres (its own tables), so that
 * a request filed yesterday still has its message, and the bot can update it, after a restart.
 * Writes go in the order they happened, behind the answers (the workspace answers from memory);
 * `flush` waits for them.
 */
export class WorkspaceArchive implements StateListener {
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Db,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Loads what was kept into `state`, quietly (nothing is written back or shown as new). */
  async load(state: WorkspaceState): Promise<{ messages: number }> {
    const [messages, homes, files] = await Promise.all([
      this.db.localWorkspaceMessage.findMany({ orderBy: [{ channel: "asc" }, { ts: "asc" }] }),
      this.db.localWorkspaceHome.findMany(),
      this.db.localWorkspaceFile.findMany(),
    ]);
    for (const f of files) state.saveFile({ id: f.id, name: f.name, title: f.title, user: f.userId, content: f.content }, { quiet: true });
    for (const h of homes) state.saveHome({ id: h.viewId, hash: h.hash, user: h.userId, type: "home", view: h.view as Record<string, unknown> }, { quiet: true });
    for (const m of messages) {
      if (/^D/.test(m.channel)) state.imWith(`U${m.channel.slice(1)}`);
      state.addMessage(
        {
          channel: m.channel,
          ts: m.ts,
          user: m.userId,
          text: m.text,
          ...(m.threadTs ? { threadTs: m.threadTs } : {}),
          ...(m.blocks ? { blocks: m.blocks as unknown[] } : {}),
          ...(m.files ? { files: m.files as unknown as FileRef[] } : {}),
          ...(m.editedTs ? { editedTs: m.editedTs } : {}),
        },
        { quiet: true },
      );
    }
    return { messages: messages.length };
  }

  messageSaved(message: StoredMessage): void {
    const row = {
      threadTs: message.threadTs ?? null,
      userId: message.user,
      text: message.text,
      blocks: (message.blocks ?? undefined) as object | undefined,
      files: (message.files ?? undefined) as object | undefined,
      editedTs: message.editedTs ?? null,
    };
    this.write(() => this.db.localWorkspaceMessage.upsert({ where: { channel_ts: { channel: message.channel, ts: message.ts } }, create: { channel: message.channel, ts: message.ts, ...row }, update: row }));
  }

  messageDeleted(channel: string, ts: string): void {
    this.write(() => this.db.localWorkspaceMessage.deleteMany({ where: { channel, ts } }));
  }

  homeSaved(view: StoredView): void {
    const row = { viewId: view.id, hash: view.hash, view: view.view as object };
    this.write(() => this.db.localWorkspaceHome.upsert({ where: { userId: view.user }, create: { userId: view.user, ...row }, update: row }));
  }

  fileSaved(file: HostedFile): void {
    const row = { name: file.name, title: file.title, userId: file.user, content: file.content };
    this.write(() => this.db.localWorkspaceFile.upsert({ where: { id: file.id }, create: { id: file.id, ...row }, update: row }));
  }

  /** Resolves once everything told so far is written. */
  flush(): Promise<void> {
    return this.chain;
  }

  private write(statement: () => Promise<unknown>): void {
    this.chain = this.chain.then(statement).then(
      () => undefined,
      (error: unknown) => this.onError(error),
    );
  }
}
