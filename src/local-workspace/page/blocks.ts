import { h } from "./dom";
import { plainText, textNode, type Names } from "./mrkdwn-dom";

export type Json = Record<string, unknown>;

export interface BlockHandlers {
  names: Names;
  /** A button clicked, or a choice made in an interactive element outside an input block. */
  onAction(element: Json, block: Json, change?: Json): void;
  /** An input block (modals only). */
  renderInput?(block: Json): HTMLElement;
}

const options = (element: Json) => (Array.isArray(element.options) ? (element.options as Json[]) : []);

/** An interactive element in a section's accessory or an actions block. */
function interactive(element: Json, block: Json, handlers: BlockHandlers): HTMLElement {
  switch (element.type) {
    case "button":
      return h("button", { type: "button", class: `bk-button ${element.style ? `bk-${String(element.style)}` : ""}`, onclick: (e) => {
        const button = e.currentTarget as HTMLButtonElement;
        const act = () => {
          button.disabled = true;
          handlers.onAction(element, block);
        };
        if (element.confirm) confirmFirst(element.confirm as Json, handlers, act);
        else act();
      } }, plainText(element.text));
    case "static_select": {
      const select = h("select", { class: "bk-select", "aria-label": plainText(element.placeholder) || "Choose", onchange: () => {
        const chosen = options(element).find((o) => o.value === select.value);
        if (chosen) handlers.onAction(element, block, { selected_option: chosen });
      } }, h("option", { value: "" }, plainText(element.placeholder) || "Choose"), options(element).map((o) => h("option", { value: String(o.value) }, plainText(o.text))));
      return select;
    }
    case "overflow":
      return h("span", { class: "bk-overflow" }, options(element).map((o) => h("button", { type: "button", class: "bk-button", onclick: () => handlers.onAction(element, block, { selected_option: o }) }, plainText(o.text))));
    case "image":
      return h("img", { class: "bk-image-small", src: String(element.image_url ?? ""), alt: String(element.alt_text ?? "") });
    default:
      return h("span", { class: "bk-unsupported" }, `[${String(element.type)}]`);
  }
}

/** A button's confirmation, as Slack asks it: a small dialog with its title, text and two buttons. */
function confirmFirst(confirm: Json, handlers: BlockHandlers, act: () => void): void {
  const titleId = `confirm-${Date.now()}`;
  const close = () => layer.remove();
  const layer = h("div", { class: "modal-backdrop confirm-layer" },
    h("div", { class: "modal confirm", role: "alertdialog", "aria-modal": "true", "aria-labelledby": titleId },
      h("header", { class: "modal-header" }, h("h2", { id: titleId }, plainText(confirm.title) || "Are you sure?")),
      h("div", { class: "modal-body" }, textNode(confirm.text, handlers.names)),
      h("footer", { class: "modal-footer" },
        h("button", { type: "button", class: "btn", onclick: close }, plainText(confirm.deny) || "Cancel"),
        h("button", { type: "button", class: `btn ${confirm.style === "danger" ? "btn-danger" : "btn-primary"}`, onclick: () => {
          close();
          act();
        } }, plainText(confirm.confirm) || "Yes"))));
  document.body.append(layer);
}

function block(b: Json, handlers: BlockHandlers): HTMLElement | null {
  const { names } = handlers;
  switch (b.type) {
    case "section": {
      const fields = Array.isArray(b.fields) ? (b.fields as Json[]) : [];
      return h(
        "div",
        { class: "bk-section" },
        h("div", { class: "bk-section-body" }, b.text ? h("div", { class: "bk-text" }, textNode(b.text, names)) : null, fields.length ? h("div", { class: "bk-fields" }, fields.map((f) => h("div", { class: "bk-field" }, textNode(f, names)))) : null),
        b.accessory ? h("div", { class: "bk-accessory" }, interactive(b.accessory as Json, b, handlers)) : null,
      );
    }
    case "header":
      return h("h3", { class: "bk-header" }, textNode(b.text, names));
    case "divider":
      return h("hr", { class: "bk-divider" });
    case "context":
      return h("div", { class: "bk-context" }, ((b.elements ?? []) as Json[]).map((e) => (e.type === "image" ? h("img", { src: String(e.image_url ?? ""), alt: String(e.alt_text ?? ""), class: "bk-image-small" }) : textNode(e, names))));
    case "actions":
      return h("div", { class: "bk-actions", role: "group" }, ((b.elements ?? []) as Json[]).map((e) => interactive(e, b, handlers)));
    case "image":
      return h("figure", { class: "bk-image" }, h("img", { src: String(b.image_url ?? ""), alt: String(b.alt_text ?? "") }), b.title ? h("figcaption", {}, plainText(b.title)) : null);
    case "input":
      return handlers.renderInput ? handlers.renderInput(b) : null;
    default:
      return h("div", { class: "bk-unsupported" }, `[${String(b.type)} block]`);
  }
}

/** Block Kit as page content: the blocks the bot sends in messages, on App Home and in modals. */
export function renderBlocks(blocks: unknown, handlers: BlockHandlers): HTMLElement {
  return h("div", { class: "bk" }, (Array.isArray(blocks) ? (blocks as Json[]) : []).map((b) => block(b, handlers)));
}
