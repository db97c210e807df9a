type Json = Record<string, unknown>;
export type StateValues = Record<string, Record<string, Json>>;

/** Whether an element's state holds an answer. */
function answered(value: Json | undefined): boolean {
  if (!value) return false;
  if (typeof value.value === "string") return value.value.trim() !== "";
  if (value.selected_option) return true;
  if (Array.isArray(value.selected_options)) return value.selected_options.length > 0;
  if (Array.isArray(value.files)) return value.files.length > 0;
  return false;
}

/**
 * What Slack itself refuses in a modal before the app hears of it: a required input left empty,
 * text shorter or longer than the element allows, a number that is not one. By block id, in
 * Slack's words.
 */
export function checkModalInput(blocks: unknown, values: StateValues): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!Array.isArray(blocks)) return errors;
  for (const block of blocks as Json[]) {
    if (block.type !== "input" || typeof block.block_id !== "string") continue;
    const element = (block.element ?? {}) as Json;
    const value = values[block.block_id]?.[String(element.action_id)];
    if (!answered(value)) {
      if (block.optional !== true) errors[block.block_id] = "Please complete this required field.";
      continue;
    }
    const text = typeof value?.value === "string" ? value.value : undefined;
    if (text === undefined) continue;
    if (typeof element.min_length === "number" && text.length < element.min_length) errors[block.block_id] = `Please enter at least ${element.min_length} characters.`;
    if (typeof element.max_length === "number" && text.length > element.max_length) errors[block.block_id] = `Please enter at most ${element.max_length} characters.`;
    if (element.type === "number_input") {
      const decimal = element.is_decimal_allowed === true;
      if (!(decimal ? /^-?\d+(\.\d+)?$/ : /^-?\d+$/).test(text.trim())) errors[block.block_id] = decimal ? "Please enter a number." : "Please enter a whole number.";
      else if (typeof element.min_value === "string" && Number(text) < Number(element.min_value)) errors[block.block_id] = `Please enter a number of at least ${element.min_value}.`;
      else if (typeof element.max_value === "string" && Number(text) > Number(element.max_value)) errors[block.block_id] = `Please enter a number of at most ${element.max_value}.`;
    }
  }
  return errors;
}

/** The values a modal starts with: each element's initial value, as Slack puts them in `state`. */
export function initialValues(blocks: unknown): StateValues {
  const values: StateValues = {};
  if (!Array.isArray(blocks)) return values;
  for (const block of blocks as Json[]) {
    if (block.type !== "input" || typeof block.block_id !== "string") continue;
    const element = (block.element ?? {}) as Json;
    const actionId = String(element.action_id);
    const type = String(element.type);
    let value: Json = { type };
    if (type === "plain_text_input" || type === "number_input") value = { type, value: typeof element.initial_value === "string" ? element.initial_value : null };
    else if (type === "radio_buttons" || type === "static_select") value = { type, selected_option: element.initial_option ?? null };
    else if (type === "checkboxes") value = { type, selected_options: element.initial_options ?? [] };
    else if (type === "file_input") value = { type, files: [] };
    values[block.block_id] = { [actionId]: value };
  }
  return values;
}
