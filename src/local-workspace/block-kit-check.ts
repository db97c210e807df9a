/**
 * Slack's own checks of Block Kit, the ones a bot can break: known block and element types, the
 * required fields, the lengths and counts Slack enforces. Each problem is written as Slack writes
 * it in `response_metadata.messages`: `[ERROR] … [json-pointer:/blocks/0/text/text]`.
 */
type Json = Record<string, unknown>;
type Problems = string[];

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);

function error(problems: Problems, pointer: string, message: string): void {
  problems.push(`[ERROR] ${message} [json-pointer:${pointer}]`);
}

function text(problems: Problems, value: unknown, pointer: string, { max, plainOnly = false }: { max: number; plainOnly?: boolean }): void {
  if (!isObject(value)) return error(problems, pointer, "must be a text object");
  if (value.type !== "plain_text" && (plainOnly || value.type !== "mrkdwn")) return error(problems, `${pointer}/type`, plainOnly ? "must be plain_text" : "must be plain_text or mrkdwn");
  if (typeof value.text !== "string" || value.text.length === 0) return error(problems, `${pointer}/text`, "must be more than 0 characters");
  if (value.text.length > max) error(problems, `${pointer}/text`, `must be less than ${max + 1} characters`);
}

function options(problems: Problems, value: unknown, pointer: string, max: number): void {
  if (!Array.isArray(value) || value.length === 0) return error(problems, pointer, "must provide at least 1 option");
  if (value.length > max) error(problems, pointer, `must provide at most ${max} options`);
  value.forEach((option, i) => {
    if (!isObject(option)) return error(problems, `${pointer}/${i}`, "must be an option object");
    text(problems, option.text, `${pointer}/${i}/text`, { max: 75 });
    if (typeof option.value !== "string" || option.value.length > 150) error(problems, `${pointer}/${i}/value`, "must be a string of at most 150 characters");
    if (option.description !== undefined) text(problems, option.description, `${pointer}/${i}/description`, { max: 75 });
  });
}

const INPUT_ELEMENTS = new Set(["plain_text_input", "radio_buttons", "static_select", "checkboxes", "number_input", "file_input", "datepicker", "users_select", "multi_static_select", "email_text_input", "url_text_input"]);
const ACTION_ELEMENTS = new Set(["button", "static_select", "overflow", "radio_buttons", "checkboxes", "datepicker", "users_select", "multi_static_select"]);

function element(problems: Problems, value: unknown, pointer: string, allowed: ReadonlySet<string>): void {
  if (!isObject(value)) return error(problems, pointer, "must be an element object");
  const type = String(value.type);
  if (!allowed.has(type)) return error(problems, `${pointer}/type`, `must be a valid enum value: ${type}`);
  if (value.action_id !== undefined && (typeof value.action_id !== "string" || value.action_id.length > 255)) error(problems, `${pointer}/action_id`, "must be a string of at most 255 characters");
  if (value.placeholder !== undefined) text(problems, value.placeholder, `${pointer}/placeholder`, { max: 150, plainOnly: true });
  switch (type) {
    case "button":
      text(problems, value.text, `${pointer}/text`, { max: 75, plainOnly: true });
      if (value.style !== undefined && value.style !== "primary" && value.style !== "danger") error(problems, `${pointer}/style`, "must be primary or danger");
      if (value.value !== undefined && (typeof value.value !== "string" || value.value.length > 2000)) error(problems, `${pointer}/value`, "must be a string of at most 2000 characters");
      break;
    case "static_select":
    case "multi_static_select":
      options(problems, value.options, `${pointer}/options`, 100);
      break;
    case "radio_buttons":
    case "checkboxes":
      options(problems, value.options, `${pointer}/options`, 10);
      break;
    case "plain_text_input":
      for (const key of ["max_length", "min_length"] as const) {
        const n = value[key];
        if (n !== undefined && (typeof n !== "number" || n < 0 || n > 3000)) error(problems, `${pointer}/${key}`, "must be at most 3000");
      }
      if (typeof value.initial_value === "string" && typeof value.max_length === "number" && value.initial_value.length > value.max_length) error(problems, `${pointer}/initial_value`, "must not be longer than max_length");
      break;
    case "number_input":
      if (typeof value.is_decimal_allowed !== "boolean") error(problems, `${pointer}/is_decimal_allowed`, "is required");
      break;
    case "file_input":
      if (value.max_files !== undefined && (typeof value.max_files !== "number" || value.max_files < 1 || value.max_files > 10)) error(problems, `${pointer}/max_files`, "must be between 1 and 10");
      break;
  }
}

function block(problems: Problems, value: unknown, pointer: string, surface: "message" | "modal" | "home"): void {
  if (!isObject(value)) return error(problems, pointer, "must be a block object");
  if (value.block_id !== undefined && (typeof value.block_id !== "string" || value.block_id.length > 255)) error(problems, `${pointer}/block_id`, "must be a string of at most 255 characters");
  switch (value.type) {
    case "section":
      if (value.text === undefined && value.fields === undefined) return error(problems, pointer, "must provide text or fields");
      if (value.text !== undefined) text(problems, value.text, `${pointer}/text`, { max: 3000 });
      if (value.fields !== undefined) {
        if (!Array.isArray(value.fields) || value.fields.length > 10) error(problems, `${pointer}/fields`, "must provide at most 10 items");
        else value.fields.forEach((field, i) => text(problems, field, `${pointer}/fields/${i}`, { max: 2000 }));
      }
      if (value.accessory !== undefined) element(problems, value.accessory, `${pointer}/accessory`, ACTION_ELEMENTS);
      return;
    case "header":
      return text(problems, value.text, `${pointer}/text`, { max: 150, plainOnly: true });
    case "divider":
      return;
    case "context":
      if (!Array.isArray(value.elements) || value.elements.length === 0 || value.elements.length > 10) return error(problems, `${pointer}/elements`, "must provide between 1 and 10 items");
      value.elements.forEach((item, i) => (isObject(item) && item.type === "image" ? undefined : text(problems, item, `${pointer}/elements/${i}`, { max: 3000 })));
      return;
    case "actions": {
      if (!Array.isArray(value.elements) || value.elements.length === 0 || value.elements.length > 25) return error(problems, `${pointer}/elements`, "must provide between 1 and 25 items");
      value.elements.forEach((item, i) => element(problems, item, `${pointer}/elements/${i}`, ACTION_ELEMENTS));
      const ids = value.elements.map((item) => (isObject(item) ? item.action_id : undefined)).filter((id) => id !== undefined);
      if (new Set(ids).size !== ids.length) error(problems, `${pointer}/elements`, "action_id must be unique within the block");
      return;
    }
    case "input":
      if (surface === "message") return error(problems, `${pointer}/type`, "input blocks are not allowed in messages");
      text(problems, value.label, `${pointer}/label`, { max: 2000, plainOnly: true });
      if (value.hint !== undefined) text(problems, value.hint, `${pointer}/hint`, { max: 2000, plainOnly: true });
      return element(problems, value.element, `${pointer}/element`, INPUT_ELEMENTS);
    case "image":
      if (typeof value.image_url !== "string" || typeof value.alt_text !== "string") error(problems, pointer, "must provide image_url and alt_text");
      return;
    default:
      return error(problems, `${pointer}/type`, `must be a valid enum value: ${String(value.type)}`);
  }
}

/** The problems of a message's or a view's blocks; none: Slack takes them. */
export function checkBlocks(blocks: unknown, surface: "message" | "modal" | "home", pointer = "/blocks"): string[] {
  const problems: Problems = [];
  if (!Array.isArray(blocks)) return [`[ERROR] must be an array [json-pointer:${pointer}]`];
  const max = surface === "message" ? 50 : 100;
  if (blocks.length > max) error(problems, pointer, `must provide at most ${max} items`);
  blocks.forEach((b, i) => block(problems, b, `${pointer}/${i}`, surface));
  const ids = blocks.map((b) => (isObject(b) ? b.block_id : undefined)).filter((id) => id !== undefined);
  if (new Set(ids).size !== ids.length) error(problems, pointer, "block_id must be unique");
  return problems;
}

/** The problems of a modal or home view. */
export function checkView(view: unknown): string[] {
  if (!isObject(view)) return ["[ERROR] must be a view object [json-pointer:/view]"];
  const problems: Problems = [];
  if (view.type !== "modal" && view.type !== "home") return ["[ERROR] must be modal or home [json-pointer:/view/type]"];
  if (view.type === "modal") {
    text(problems, view.title, "/view/title", { max: 24, plainOnly: true });
    for (const key of ["submit", "close"] as const) if (view[key] !== undefined) text(problems, view[key], `/view/${key}`, { max: 24, plainOnly: true });
    const hasInput = Array.isArray(view.blocks) && view.blocks.some((b) => isObject(b) && b.type === "input");
    if (hasInput && view.submit === undefined) error(problems, "/view/submit", "is required when the view has input blocks");
  }
  if (view.private_metadata !== undefined && (typeof view.private_metadata !== "string" || view.private_metadata.length > 3000)) error(problems, "/view/private_metadata", "must be at most 3000 characters");
  if (view.callback_id !== undefined && (typeof view.callback_id !== "string" || view.callback_id.length > 255)) error(problems, "/view/callback_id", "must be at most 255 characters");
  problems.push(...checkBlocks(view.blocks, view.type, "/view/blocks"));
  return problems;
}
