import { renderBlocks, type Json } from "./blocks";
import { h, uid } from "./dom";
import { inputControl } from "./input-controls";
import { plainText, textNode, type Names } from "./mrkdwn-dom";

export type Values = Record<string, Record<string, Json>>;

export interface ModalView {
  id: string;
  hash: string;
  view: Json;
  errors: Record<string, string>;
  initial: Values;
}

export interface ModalHandlers {
  names: Names;
  values: Values;
  /** An element with dispatch_action (or in an actions block) changed: the bot hears of it at once. */
  onAction(actionId: string, blockId: string | undefined, change: Json): void;
  onUpload(file: File): Promise<{ id: string; name: string }>;
  onSubmit(): void;
  onClose(): void;
}

/** One input block: its label, its element (kept in `values` as Slack keeps a view's state), hint and error. */
function inputBlock(block: Json, modal: ModalView, handlers: ModalHandlers): HTMLElement {
  const blockId = String(block.block_id);
  const element = (block.element ?? {}) as Json;
  const actionId = String(element.action_id);
  const id = uid("input");
  const labelId = `${id}-label`;
  const errorId = `${id}-error`;
  const error = modal.errors[blockId];
  const state = (handlers.values[blockId] ??= {});
  const current = (state[actionId] ??= { type: String(element.type) });
  const set = (value: Json) => {
    state[actionId] = { type: String(element.type), ...value };
    if (block.dispatch_action === true) handlers.onAction(actionId, blockId, value);
  };
  const described = { "aria-describedby": error ? errorId : undefined, "aria-invalid": error ? "true" : undefined };
  const label = h("label", { id: labelId, for: id, class: "bk-label" }, plainText(block.label), block.optional === true ? h("span", { class: "optional" }, " (optional)") : null);
  const control = inputControl({ id, labelId, element, current, described, set, onUpload: (file) => handlers.onUpload(file) });
  // A group of choices is named by aria-labelledby: a label's `for` names one control only.
  if (element.type === "radio_buttons" || element.type === "checkboxes") label.removeAttribute("for");
  return h("div", { class: `bk-input${error ? " has-error" : ""}` }, label, control, block.hint ? h("div", { class: "bk-hint" }, plainText(block.hint)) : null, error ? h("div", { id: errorId, class: "bk-error", role: "alert" }, error) : null);
}

/** The modal on top of the person's stack, as a dialog named by its title. */
export function renderModal(modal: ModalView, handlers: ModalHandlers): HTMLElement {
  const titleId = uid("modal-title");
  const general = modal.errors[""];
  const body = renderBlocks(modal.view.blocks, {
    names: handlers.names,
    onAction: (element, block, change = {}) => handlers.onAction(String(element.action_id), block.block_id === undefined ? undefined : String(block.block_id), change),
    renderInput: (block) => inputBlock(block, modal, handlers),
  });
  const form = h("form", { class: "modal-form", novalidate: true, onsubmit: (e: Event) => {
    e.preventDefault();
    handlers.onSubmit();
  } },
    h("div", { class: "modal-body" }, body, general ? h("div", { class: "bk-error", role: "alert" }, general) : null),
    h("footer", { class: "modal-footer" },
      h("button", { type: "button", class: "btn", onclick: () => handlers.onClose() }, plainText(modal.view.close) || "Cancel"),
      modal.view.submit ? h("button", { type: "submit", class: "btn btn-primary" }, plainText(modal.view.submit)) : null));
  return h("div", { class: "modal-backdrop" },
    h("div", { class: "modal", role: "dialog", "aria-modal": "true", "aria-labelledby": titleId },
      h("header", { class: "modal-header" }, h("h2", { id: titleId }, textNode(modal.view.title, handlers.names)), h("button", { type: "button", class: "icon-btn", "aria-label": "Close dialog", onclick: () => handlers.onClose() }, "×")),
      form));
}
