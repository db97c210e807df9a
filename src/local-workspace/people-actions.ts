import type { LocalWorkspace } from "./local-workspace";
import { checkModalInput, type StateValues } from "./modal-input-check";
import { asForm, blockActionsPayload, eventCallback, slashCommandForm, viewClosedPayload, viewSubmissionPayload } from "./payloads";
import { deliverForm, deliverJson } from "./slack-deliveries";
import { userJson } from "./web-api";
import { viewJson } from "./web-api-views";
import { randomId } from "./workspace-state";
import type { StoredMessage, StoredView } from "./workspace-types";

/** Slack's own name for the messages it writes itself (a command that failed). */
export const SLACKBOT = "USLACKBOT";

export type SubmitResult = { outcome: "closed" | "updated" | "pushed" | "cleared" } | { outcome: "errors"; errors: Record<string, string> } | { outcome: "failed"; problem: string };

type Element = Record<string, unknown> & { action_id?: string; type?: string };
type Block = { block_id?: string; type?: string; elements?: Element[]; accessory?: Element; element?: Element };

/** The element with this action id in these blocks, and its block. */
export function findElement(blocks: unknown, actionId: string, blockId?: string): { block: Block; element: Element } | undefined {
  for (const block of (Array.isArray(blocks) ? blocks : []) as Block[]) {
    if (blockId !== undefined && block.block_id !== blockId) continue;
    for (const element of [...(block.elements ?? []), ...(block.accessory ? [block.accessory] : []), ...(block.element ? [block.element] : [])]) {
      if (element.action_id === actionId) return { block, element };
    }
  }
  return undefined;
}

/**
 * What people do in the workspace, sent to the bot as Slack sends it: signed, with fresh trigger ids
 * and response URLs; and what Slack does with the bot's answers (an ephemeral reply to a command,
 * errors shown in a modal, a view updated, pushed or closed). The page and the tests act through it.
 */
export class PeopleActions {
  constructor(private readonly ws: LocalWorkspace) {}

  private get state() {
    return this.ws.state;
  }

  private send(form: Record<string, string>): Promise<Response> {
    return deliverForm(this.ws.eventsUrl, form, { secret: this.ws.signingSecret });
  }

  /** What a person types in a channel's message box: a slash command, or a message. */
  async type(user: string, channel: string, text: string): Promise<void> {
    const command = /^(\/[a-z][\w-]*)(?:\s+([\s\S]*))?$/i.exec(text.trim());
    if (command) return this.command(user, channel, command[1]!.toLowerCase(), command[2] ?? "");
    this.state.ensurePerson(user);
    if (text.trim()) this.state.addMessage({ channel, ts: this.state.nextTs(), user, text });
  }

  async command(user: string, channel: string, command: string, text: string): Promise<void> {
    const person = this.state.ensurePerson(user);
    const form = slashCommandForm({
      command,
      text,
      userId: user,
      userName: person.name,
      channelId: channel,
      channelName: this.state.channels.get(channel)?.name ?? channel,
      responseUrl: this.ws.responseUrl(undefined, { channel, user }),
      triggerId: this.state.issueTrigger(user),
    }, this.ws.source);
    const answer = await this.answerOf(this.send(form));
    if (!answer.ok) return this.slackbotSays(user, channel, `${command} failed with the error "${answer.problem}"`);
    const body = answer.body;
    if (!body || (typeof body.text !== "string" && !Array.isArray(body.blocks))) return;
    const inChannel = body.response_type === "in_channel";
    this.state.addMessage({ channel, ts: this.state.nextTs(), user: this.ws.bot.userId, text: String(body.text ?? ""), ...(Array.isArray(body.blocks) ? { blocks: body.blocks } : {}), ...(inChannel ? {} : { visibleTo: user }) });
  }

  /** A click on a button of a message (ephemeral ones too). */
  async clickMessage(user: string, message: StoredMessage, actionId: string, blockId?: string): Promise<boolean> {
    const found = findElement(message.blocks, actionId, blockId);
    if (!found) return false;
    const person = this.state.ensurePerson(user);
    const payload = blockActionsPayload({
      action: actionPayload(found),
      user: { id: user, name: person.name },
      triggerId: this.state.issueTrigger(user),
      message: { channel: message.channel, channelName: this.state.channels.get(message.channel)?.name ?? message.channel, ts: message.ts, text: message.text, blocks: message.blocks, isEphemeral: Boolean(message.visibleTo), responseUrl: this.ws.responseUrl(undefined, { channel: message.channel, user, ...(message.visibleTo ? {} : { messageTs: message.ts }) }) },
    }, this.ws.source);
    await this.answerOf(this.send(asForm(payload)));
    return true;
  }

  /** A click or a choice in a modal or on App Home; `values` is the modal's input as it is now. */
  async actInView(user: string, view: StoredView, actionId: string, blockId: string | undefined, change: Record<string, unknown> = {}, values: StateValues = {}): Promise<boolean> {
    const found = findElement(view.view.blocks, actionId, blockId);
    if (!found) return false;
    const person = this.state.ensurePerson(user);
    const payload = blockActionsPayload({
      action: { ...actionPayload(found), ...change },
      user: { id: user, name: person.name },
      triggerId: this.state.issueTrigger(user),
      view: { ...viewJson(view, this.ws.methodContext()), state: { values } },
    }, this.ws.source);
    await this.answerOf(this.send(asForm(payload)));
    return true;
  }

  /** Submits the modal on top of the person's stack; Slack's own checks first, then the bot's answer. */
  async submit(user: string, viewId: string, values: StateValues): Promise<SubmitResult> {
    const stack = this.state.modalStack(user);
    const view = stack.find((v) => v.id === viewId);
    if (!view) return { outcome: "failed", problem: "This form was closed." };
    const own = checkModalInput(view.view.blocks, values);
    if (Object.keys(own).length > 0) return this.showErrors(view, own);
    const person = this.state.ensurePerson(user);
    const payload = viewSubmissionPayload(viewJson(view, this.ws.methodContext(), stack[0]!.id), withFiles(values, this.ws), { id: user, name: person.name }, this.state.issueTrigger(user), this.ws.source);
    const answer = await this.answerOf(this.send(asForm(payload)));
    if (!answer.ok) return this.showErrors(view, {}, "We had some trouble connecting. Try again?");
    const body = answer.body ?? {};
    switch (body.response_action) {
      case "errors":
        return this.showErrors(view, (body.errors ?? {}) as Record<string, string>);
      case "update":
        Object.assign(view, { view: body.view as Record<string, unknown>, hash: randomId("h") });
        delete view.errors;
        this.state.changed({ user });
        return { outcome: "updated" };
      case "push":
        stack.push({ id: randomId("V"), hash: randomId("h"), user, type: "modal", view: body.view as Record<string, unknown> });
        this.state.changed({ user });
        return { outcome: "pushed" };
      case "clear":
        stack.length = 0;
        this.state.changed({ user });
        return { outcome: "cleared" };
      default:
        this.state.closeView(view);
        return { outcome: "closed" };
    }
  }

  /** Closes a modal (and what was pushed on it); the bot hears of it when the view asked to. */
  async close(user: string, viewId: string): Promise<void> {
    const view = this.state.modalStack(user).find((v) => v.id === viewId);
    if (!view) return;
    this.state.closeView(view);
    if (view.view.notify_on_close !== true) return;
    const person = this.state.ensurePerson(user);
    await this.answerOf(this.send(asForm(viewClosedPayload(viewJson(view, this.ws.methodContext()), { id: user, name: person.name }, this.ws.source))));
  }

  /** The person opens the bot's App Home tab. */
  async openHome(user: string): Promise<void> {
    const home = this.state.homes.get(user);
    const event = { type: "app_home_opened", user, channel: this.state.imWith(user).id, tab: "home", event_ts: String(Date.now() / 1000), ...(home ? { view: viewJson(home, this.ws.methodContext()) } : {}) };
    await this.answerOf(deliverJson(this.ws.eventsUrl, eventCallback(event, this.ws.source), { secret: this.ws.signingSecret }));
  }

  /**
   * The person changes their Slack language (a locale such as "ja-JP"): Slack tells the bot with a
   * user_change event, and the bot's next answer to them is in that language.
   */
  async setLanguage(user: string, locale: string): Promise<void> {
    const person = this.state.ensurePerson(user);
    person.locale = locale;
    this.state.changed({ user });
    const event = { type: "user_change", user: userJson(person, true), event_ts: String(Date.now() / 1000) };
    await this.answerOf(deliverJson(this.ws.eventsUrl, eventCallback(event, this.ws.source), { secret: this.ws.signingSecret }));
  }

  /** A file the person picks in a file_input: hosted at once, as Slack does, and given by id. */
  upload(user: string, name: string, content: string): string {
    return this.ws.hostFile(name, content, user);
  }

  private showErrors(view: StoredView, errors: Record<string, string>, general?: string): SubmitResult {
    view.errors = general ? { "": general } : errors;
    this.state.changed({ user: view.user });
    return general ? { outcome: "failed", problem: general } : { outcome: "errors", errors };
  }

  private slackbotSays(user: string, channel: string, text: string): void {
    this.state.addMessage({ channel, ts: this.state.nextTs(), user: SLACKBOT, text, visibleTo: user });
  }

  /** The bot's answer within Slack's window: its JSON body (or none), or why Slack gave up. */
  private async answerOf(sent: Promise<Response>): Promise<{ ok: true; body?: Record<string, unknown> } | { ok: false; problem: string }> {
    const timeout = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), this.ws.windowMs).unref());
    try {
      const res = await Promise.race([sent, timeout]);
      if (res === "timeout") return { ok: false, problem: "operation_timeout" };
      const text = await res.text();
      if (res.status !== 200) return { ok: false, problem: "dispatch_failed" };
      if (!text) return { ok: true };
      try {
        const body: unknown = JSON.parse(text);
        return typeof body === "object" && body !== null ? { ok: true, body: body as Record<string, unknown> } : { ok: true };
      } catch {
        // A plain-text answer to a command is shown as it is.
        return { ok: true, body: { text } };
      }
    } catch {
      return { ok: false, problem: "dispatch_failed" };
    }
  }
}

/** The action a click on `element` sends. */
function actionPayload({ block, element }: { block: Block; element: Element }): Record<string, unknown> {
  return {
    type: element.type,
    action_id: element.action_id,
    block_id: block.block_id,
    ...(element.value !== undefined ? { value: element.value } : {}),
    ...(element.text !== undefined ? { text: element.text } : {}),
    ...(element.style !== undefined ? { style: element.style } : {}),
  };
}

/** A file_input's files as Slack describes them in `state`: the whole file object, not only its id. */
function withFiles(values: StateValues, ws: LocalWorkspace): StateValues {
  const out: StateValues = {};
  for (const [blockId, actions] of Object.entries(values)) {
    out[blockId] = {};
    for (const [actionId, value] of Object.entries(actions)) {
      const files = Array.isArray(value.files) ? (value.files as { id?: string }[]) : undefined;
      out[blockId][actionId] = files
        ? { ...value, files: files.map((f) => ({ ...f, ...(ws.state.files.get(String(f.id)) ? { name: ws.state.files.get(String(f.id))!.name, url_private: `${ws.baseUrl}/files/${f.id}`, url_private_download: `${ws.baseUrl}/files/${f.id}` } : {}) })) }
        : value;
    }
  }
  return out;
}
