import { h, postJson } from "./dom";

interface Delivery {
  status: number;
  answer: unknown;
  curl: string;
}

/** The customer panel: a request as another system would send it, signed by the workspace, and the same as curl. */
export function renderCustomerPanel(example: unknown): HTMLElement {
  const body = h("textarea", { id: "customer-body", rows: 14, spellcheck: "false", class: "code" });
  body.value = JSON.stringify(example, null, 2);
  const result = h("div", { class: "customer-result", "aria-live": "polite" });
  const sendIt = async () => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.value);
    } catch {
      result.replaceChildren(h("p", { class: "bk-error", role: "alert" }, "That is not JSON."));
      return;
    }
    const delivery = await postJson<Delivery>("workspace/customer", { body: parsed });
    result.replaceChildren(
      h("h2", {}, `Answer: HTTP ${delivery.status}`),
      h("pre", { class: "code", "aria-label": "Answer" }, JSON.stringify(delivery.answer, null, 2)),
      h("h2", {}, "The same request with curl"),
      h("pre", { class: "code", "aria-label": "curl" }, delivery.curl),
    );
  };
  return h(
    "div",
    { class: "customer" },
    h("p", {}, "A customer-service system or a web form files requests through the intake webhook. Edit the request, send it, and watch it arrive in the channels."),
    h("label", { for: "customer-body" }, "Request body (JSON)"),
    body,
    h("div", { class: "customer-actions" }, h("button", { type: "button", class: "btn btn-primary", onclick: () => void sendIt() }, "Send as the customer")),
    result,
  );
}
