import type { Json } from "./blocks";
import { h, uid } from "./dom";
import { plainText } from "./mrkdwn-dom";

/** What an input block's control needs: its element, its state so far, and how to change it. */
export interface ControlContext {
  id: string;
  labelId: string;
  element: Json;
  current: Json;
  /** aria-describedby and aria-invalid, when the block shows an error. */
  described: Record<string, string | undefined>;
  set(value: Json): void;
  onUpload(file: File): Promise<{ id: string; name: string }>;
}

const options = (element: Json) => (Array.isArray(element.options) ? (element.options as Json[]) : []);

function textControl({ id, element, current, described, set }: ControlContext): HTMLElement {
  const props = { id, ...described, placeholder: plainText(element.placeholder) || undefined, value: typeof current.value === "string" ? current.value : "", oninput: (e: Event) => set({ value: (e.target as HTMLInputElement).value }) };
  if (element.multiline !== true) return h("input", { ...props, type: "text", inputmode: element.type === "number_input" ? "decimal" : undefined });
  const control = h("textarea", { ...props, rows: 4 });
  (control as HTMLTextAreaElement).value = props.value;
  return control;
}

function selectControl({ id, element, current, described, set }: ControlContext): HTMLElement {
  const selected = (current.selected_option as Json | null | undefined)?.value;
  const select = h("select", { id, ...described, onchange: () => set({ selected_option: options(element).find((o) => o.value === select.value) ?? null }) },
    h("option", { value: "" }, plainText(element.placeholder) || "Choose an option"),
    options(element).map((o) => h("option", { value: String(o.value), selected: o.value === selected }, plainText(o.text))));
  return select;
}

/** Radio buttons or checkboxes, as a group named by the block's label. */
function choicesControl({ labelId, element, current, described, set }: ControlContext): HTMLElement {
  const radio = element.type === "radio_buttons";
  const chosen = radio ? [(current.selected_option as Json | null | undefined)?.value] : ((current.selected_options ?? []) as Json[]).map((o) => o.value);
  const name = uid("choice");
  return h("div", { role: radio ? "radiogroup" : "group", "aria-labelledby": labelId, ...described, class: "bk-choices" },
    options(element).map((o) =>
      h("label", { class: "bk-choice" },
        h("input", { type: radio ? "radio" : "checkbox", name, value: String(o.value), checked: chosen.includes(o.value), onchange: (e: Event) => {
          if (radio) return set({ selected_option: o });
          const boxes = [...(e.target as HTMLElement).closest(".bk-choices")!.querySelectorAll<HTMLInputElement>("input:checked")].map((i) => i.value);
          set({ selected_options: options(element).filter((x) => boxes.includes(String(x.value))) });
        } }),
        h("span", {}, plainText(o.text), o.description ? h("small", {}, plainText(o.description)) : null))));
}

function fileControl({ id, element, current, described, set, onUpload }: ControlContext): HTMLElement {
  const files = ((current.files ?? []) as Json[]).map((f) => String(f.name));
  const accept = Array.isArray(element.filetypes) ? (element.filetypes as string[]).map((t) => `.${t}`).join(",") : undefined;
  const shown = h("span", { class: "bk-file-name", "aria-live": "polite" }, files.join(", "));
  const input = h("input", { id, type: "file", accept, ...described, onchange: async () => {
    const file = input.files?.[0];
    shown.textContent = "";
    if (!file) return set({ files: [] });
    // Uploaded at once, as Slack does: the submission carries the file's id.
    const hosted = await onUpload(file);
    set({ files: [{ id: hosted.id, name: hosted.name }] });
    shown.textContent = `Uploaded: ${hosted.name}`;
  } });
  return h("div", { class: "bk-file" }, input, shown);
}

/** The control of an input block's element, by its type; a type the page does not draw is named. */
export function inputControl(context: ControlContext): HTMLElement {
  switch (context.element.type) {
    case "plain_text_input":
    case "number_input":
      return textControl(context);
    case "static_select":
      return selectControl(context);
    case "radio_buttons":
    case "checkboxes":
      return choicesControl(context);
    case "file_input":
      return fileControl(context);
    default:
      return h("span", { class: "bk-unsupported" }, `[${String(context.element.type)}]`);
  }
}
