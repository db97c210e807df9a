import { randomBytes } from "node:crypto";
import type { Channel, HostedFile, Person, ResponseHook, StoredMessage, StoredView } from "./workspace-types";

/** What the archive (Postgres) is told as it happens; the state itself answers from memory. */
export interface StateListener {
  messageSaved?(message: StoredMessage): void;
  messageDeleted?(channel: string, ts: string): void;
  homeSaved?(view: StoredView): void;
  fileSaved?(file: HostedFile): void;
}

/** A change people may see: the page redraws the parts it names. */
export interface Change {
  revision: number;
  channel?: string;
  user?: string;
}

export const randomId = (prefix: string, length = 10) => `${prefix}${randomBytes(length).toString("hex").toUpperCase().slice(0, length)}`;

/**
 * Everything the local workspace holds, in memory: people, channels, messages with their threads,
 * ephemeral messages, the modals open for each person, App Home tabs, files, trigger ids and
 * response URLs. Every change gets a revision and is told to the listeners (the page's live
 * updates, and the archive that keeps messages, homes and files across restarts).
 */
export class WorkspaceState {
  readonly people = new Map<string, Person>();
  readonly channels = new Map<string, Channel>();
  readonly userGroups = new Map<string, string[]>();
  /** Channels whose members were set; any other channel has every person as a member. */
  readonly channelMembers = new Map<string, string[]>();
  readonly files = new Map<string, HostedFile>();
  readonly homes = new Map<string, StoredView>();
  readonly hooks = new Map<string, ResponseHook>();
  /** Trigger ids handed out with people's actions: when, for whom, and whether a view used it. */
  readonly triggers = new Map<string, { user: string; at: number; used: boolean }>();
  /** Each person's open modals, the top last (Slack stacks up to three). */
  readonly modals = new Map<string, StoredView[]>();
  private readonly messages = new Map<string, StoredMessage[]>();
  /** Each channel's messages (not ephemeral) by ts: the bot updates one by its ts at every step. */
  private readonly byTs = new Map<string, Map<string, StoredMessage>>();
  private readonly changeListeners = new Set<(change: Change) => void>();
  private lastTsMicros = 0;
  revision = 0;

  constructor(private readonly listener: StateListener = {}) {}

  onChange(listener: (change: Change) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  changed(where: Omit<Change, "revision"> = {}): void {
    this.revision += 1;
    for (const listener of this.changeListeners) listener({ revision: this.revision, ...where });
  }

  /** A message ts as Slack writes them (seconds.micro), always later than any before, also across restarts. */
  nextTs(): string {
    this.lastTsMicros = Math.max(Date.now() * 1000, this.lastTsMicros + 1);
    return `${Math.floor(this.lastTsMicros / 1e6)}.${String(this.lastTsMicros % 1e6).padStart(6, "0")}`;
  }

  person(id: string): Person | undefined {
    return this.people.get(id);
  }

  /** A person who acts or is written to, known from then on (Slack's users all exist already). */
  ensurePerson(id: string): Person {
    let person = this.people.get(id);
    if (!person) {
      person = { id, name: id.toLowerCase(), realName: id, title: "", locale: "en-US", tz: "UTC" };
      this.people.set(id, person);
    }
    return person;
  }

  /** The direct message channel between the bot and a person. */
  imWith(userId: string): Channel {
    const id = `D${userId.slice(1)}`;
    let channel = this.channels.get(id);
    if (!channel) {
      channel = { id, name: this.ensurePerson(userId).name, isIm: true, user: userId };
      this.channels.set(id, channel);
    }
    return channel;
  }

  /** A channel id, a DM id, or a person's id (posting to a person posts in their DM, as Slack does). */
  resolveChannel(idOrUser: string): Channel | undefined {
    if (/^[UW]/.test(idOrUser)) return this.imWith(idOrUser);
    return this.channels.get(idOrUser);
  }

  history(channel: string): readonly StoredMessage[] {
    return this.messages.get(channel) ?? [];
  }

  message(channel: string, ts: string): StoredMessage | undefined {
    return this.byTs.get(channel)?.get(ts);
  }

  addMessage(message: StoredMessage, { quiet = false } = {}): StoredMessage {
    const list = this.messages.get(message.channel) ?? [];
    list.push(message);
    if (list.length > 1 && list[list.length - 2]!.ts > message.ts) list.sort((a, b) => (a.ts < b.ts ? -1 : 1));
    this.messages.set(message.channel, list);
    if (!message.visibleTo) {
      const index = this.byTs.get(message.channel) ?? new Map<string, StoredMessage>();
      index.set(message.ts, message);
      this.byTs.set(message.channel, index);
    }
    const [seconds, micros] = message.ts.split(".");
    this.lastTsMicros = Math.max(this.lastTsMicros, Number(seconds) * 1e6 + Number(micros ?? 0));
    if (quiet) return message;
    if (!message.visibleTo) this.listener.messageSaved?.(message);
    this.changed({ channel: message.channel, ...(message.visibleTo ? { user: message.visibleTo } : {}) });
    return message;
  }

  updateMessage(message: StoredMessage, change: Pick<StoredMessage, "text" | "blocks">): StoredMessage {
    message.text = change.text;
    if (change.blocks === undefined) delete message.blocks;
    else message.blocks = change.blocks;
    message.editedTs = this.nextTs();
    this.listener.messageSaved?.(message);
    this.changed({ channel: message.channel });
    return message;
  }

  deleteMessage(message: StoredMessage): void {
    const list = this.messages.get(message.channel) ?? [];
    this.messages.set(message.channel, list.filter((m) => m !== message));
    if (this.byTs.get(message.channel)?.get(message.ts) === message) this.byTs.get(message.channel)!.delete(message.ts);
    if (!message.visibleTo) this.listener.messageDeleted?.(message.channel, message.ts);
    this.changed({ channel: message.channel });
  }

  saveHome(view: StoredView, { quiet = false } = {}): void {
    this.homes.set(view.user, view);
    if (quiet) return;
    this.listener.homeSaved?.(view);
    this.changed({ user: view.user });
  }

  saveFile(file: HostedFile, { quiet = false } = {}): void {
    this.files.set(file.id, file);
    if (!quiet && !file.pending) this.listener.fileSaved?.(file);
  }

  /** A trigger id for an action of `user`: views.open and views.push take it once, within its lifetime. */
  issueTrigger(user: string): string {
    const id = `${Date.now()}.${randomBytes(6).readUIntBE(0, 6)}.${randomBytes(16).toString("hex")}`;
    this.triggers.set(id, { user, at: Date.now(), used: false });
    if (this.triggers.size > 10_000) for (const key of [...this.triggers.keys()].slice(0, 5_000)) this.triggers.delete(key);
    return id;
  }

  modalStack(user: string): StoredView[] {
    let stack = this.modals.get(user);
    if (!stack) {
      stack = [];
      this.modals.set(user, stack);
    }
    return stack;
  }

  /** The open modal or home tab with this id, wherever it is. */
  findView(id: string): StoredView | undefined {
    for (const stack of this.modals.values()) {
      const found = stack.find((v) => v.id === id);
      if (found) return found;
    }
    for (const home of this.homes.values()) if (home.id === id) return home;
    return undefined;
  }

  /** Closes a modal and every view pushed on top of it. */
  closeView(view: StoredView): void {
    const stack = this.modalStack(view.user);
    const at = stack.indexOf(view);
    if (at !== -1) stack.splice(at);
    this.changed({ user: view.user });
  }
}
