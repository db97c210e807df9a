import { renderBlocks, type Json } from "./blocks";
import { h, uid } from "./dom";
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

const options = (element: Json) => (Array.isArray(element.options) ? (element.options as Json[]) : []);

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
  let control: HTMLElement;
  switch (element.type) {
    case "plain_text_input":
    case "number_input": {
      const props = { id, ...described, placeholder: plainText(element.placeholder) || undefined, value: typeof current.value === "string" ? current.value : "", oninput: (e: Event) => set({ value: (e.target as HTMLInputElement).value }) };
      if (element.multiline === true) {
        control = h("textarea", { ...props, rows: 4 });
        (control as HTMLTextAreaElement).value = props.value;
      } else control = h("input", { ...props, type: "text", inputmode: element.type === "number_input" ? "decimal" : undefined });
      break;
    }
    case "static_select": {
      const selected = (current.selected_option as Json | null | undefined)?.value;
      const select = h("select", { id, ...described, onchange: () => set({ selected_option: options(element).find((o) => o.value === select.value) ?? null }) },
        h("option", { value: "" }, plainText(element.placeholder) || "Choose an option"),
        options(element).map((o) => h("option", { value: String(o.value), selected: o.value === selected }, plainText(o.text))));
      control = select;
      break;
    }
    case "radio_buttons":
    case "checkboxes": {
      const radio = element.type === "radio_buttons";
      const chosen = radio ? [(current.selected_option as Json | null | undefined)?.value] : ((current.selected_options ?? []) as Json[]).map((o) => o.value);
      const name = uid("choice");
      control = h("div", { role: radio ? "radiogroup" : "group", "aria-labelledby": labelId, ...described, class: "bk-choices" },
        options(element).map((o) =>
          h("label", { class: "bk-choice" },
            h("input", { type: radio ? "radio" : "checkbox", name, value: String(o.value), checked: chosen.includes(o.value), onchange: (e: Event) => {
              if (radio) return set({ selected_option: o });
              const boxes = [...(e.target as HTMLElement).closest(".bk-choices")!.querySelectorAll<HTMLInputElement>("input:checked")].map((i) => i.value);
              set({ selected_options: options(element).filter((x) => boxes.includes(String(x.value))) });
            } }),
            h("span", {}, plainText(o.text), o.description ? h("small", {}, plainText(o.description)) : null))));
      label.removeAttribute("for");
      break;
    }
    case "file_input": {
      const files = ((current.files ?? []) as Json[]).map((f) => String(f.name));
      const accept = Array.isArray(element.filetypes) ? (element.filetypes as string[]).map((t) => `.${t}`).join(",") : undefined;
      const shown = h("span", { class: "bk-file-name", "aria-live": "polite" }, files.join(", "));
      const input = h("input", { id, type: "file", accept, ...described, onchange: async () => {
        const file = input.files?.[0];
        shown.textContent = "";
        if (!file) return set({ files: [] });
        // Uploaded at once, as Slack does: the submission carries the file's id.
        const hosted = await handlers.onUpload(file);
        set({ files: [{ id: hosted.id, name: hosted.name }] });
        shown.textContent = `Uploaded: ${hosted.name}`;
      } });
      control = h("div", { class: "bk-file" }, input, shown);
      break;
    }
    default:
      control = h("span", { class: "bk-unsupported" }, `[${String(element.type)}]`);
  }
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
