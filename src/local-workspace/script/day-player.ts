import type { LocalWorkspace } from "../local-workspace";
import type { StateValues } from "../modal-input-check";
import { initialValues } from "../modal-input-check";
import { PeopleActions, findElement } from "../people-actions";
import { sendAsCustomer, type CustomerIntake } from "../customer-panel";
import type { StoredMessage, StoredView } from "../workspace-types";

type Json = Record<string, unknown>;

/** A step of the day did not go as written: what was expected. */
export class DayWentOtherwise extends Error {}

/** Everything a message says, its blocks' texts included, for finding it by what it says. */
export function said(message: StoredMessage): string {
  return `${message.text}\n${JSON.stringify(message.blocks ?? [])}`;
}

/**
 * Plays people's part in the local workspace as a person would, through the same actions as the
 * page, and waits for what they would wait to see.
 */
export class DayPlayer {
  readonly people: PeopleActions;

  constructor(
    readonly ws: LocalWorkspace,
    private readonly timeoutMs = 30_000,
  ) {
    this.people = new PeopleActions(ws);
  }

  /** Waits until `check` finds something in the workspace; fails the day after the timeout. */
  until<T>(what: string, check: () => T | undefined | false): Promise<T> {
    return new Promise((resolve, reject) => {
      const found = check();
      if (found) return resolve(found);
      const done = (value?: T, error?: Error) => {
        stop();
        clearInterval(poll);
        clearTimeout(timer);
        if (error) reject(error);
        else resolve(value!);
      };
      const look = () => {
        const value = check();
        if (value) done(value);
      };
      const stop = this.ws.state.onChange(look);
      const poll = setInterval(look, 250);
      const timer = setTimeout(() => done(undefined, new DayWentOtherwise(`waited ${this.timeoutMs / 1000} s for ${what}`)), this.timeoutMs);
    });
  }

  /** The latest message in `channel` (a thread reply with `inThread`) that says all of `words`. */
  message(channel: string, words: string[], { inThread = false, visibleTo }: { inThread?: boolean; visibleTo?: string } = {}): StoredMessage | undefined {
    return [...this.ws.state.history(channel)]
      .reverse()
      .find((m) => (inThread ? Boolean(m.threadTs && m.threadTs !== m.ts) : !m.threadTs || m.threadTs === m.ts) && (visibleTo ? m.visibleTo === visibleTo : !m.visibleTo) && words.every((w) => said(m).includes(w)));
  }

  modal(user: string, title: string): Promise<StoredView> {
    return this.until(`the modal "${title}" for ${user}`, () => this.ws.state.modalStack(user).find((v) => JSON.stringify(v.view.title).includes(title)));
  }

  /** A modal filled in: its initial values, then `answers` by block id prefix: a value, or an option's value for a choice. */
  fill(view: StoredView, answers: Record<string, string | string[]>): StateValues {
    const values = initialValues(view.view.blocks);
    for (const block of (view.view.blocks ?? []) as Json[]) {
      const blockId = String(block.block_id ?? "");
      const key = Object.keys(answers).find((k) => blockId.startsWith(k));
      if (block.type !== "input" || !key) continue;
      const element = block.element as Json;
      const answer = answers[key]!;
      const options = (element.options ?? []) as Json[];
      const actionId = String(element.action_id);
      if (element.type === "checkboxes") values[blockId]![actionId] = { type: "checkboxes", selected_options: options.filter((o) => [answer].flat().includes(String(o.value))) };
      else if (element.type === "radio_buttons" || element.type === "static_select") {
        const option = options.find((o) => o.value === answer);
        if (!option) throw new DayWentOtherwise(`the modal offers no "${String(answer)}" for ${blockId}`);
        values[blockId]![actionId] = { type: String(element.type), selected_option: option };
      } else values[blockId]![actionId] = { type: String(element.type), value: String(answer) };
    }
    return values;
  }

  async submit(user: string, view: StoredView, values: StateValues): Promise<void> {
    const result = await this.people.submit(user, view.id, values);
    if (result.outcome === "errors") throw new DayWentOtherwise(`the modal was refused: ${JSON.stringify(result.errors)}`);
    if (result.outcome === "failed") throw new DayWentOtherwise(`the modal failed: ${result.problem}`);
  }

  /** Clicks the button with this action id on the message. */
  async click(user: string, message: StoredMessage, actionId: string): Promise<void> {
    if (!findElement(message.blocks, actionId)) throw new DayWentOtherwise(`no ${actionId} button on "${message.text.slice(0, 80)}"`);
    await this.people.clickMessage(user, message, actionId);
  }

  customer(intake: CustomerIntake, body: Json) {
    return sendAsCustomer(intake, body);
  }
}
