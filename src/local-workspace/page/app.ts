import "./app.css";
import type { Snapshot } from "../snapshot";
import { renderBlocks } from "./blocks";
import { h, postJson } from "./dom";
import { renderCustomerPanel } from "./customer";
import { renderHistory, type Message } from "./messages";
import { renderModal, type Values } from "./modal";

type Place = { kind: "channel"; id: string } | { kind: "home" } | { kind: "dm" } | { kind: "customer" };

let snap: Snapshot | undefined;
let me = new URLSearchParams(location.search).get("as") ?? localStorage.getItem("refund-desk-as") ?? "";
let place: Place = { kind: "channel", id: "" };
let thread: { channel: string; ts: string } | undefined;
const modalValues = new Map<string, { hash: string; values: Values }>();
let shownModal = "";

const root = document.getElementById("app")!;
const sidebar = h("aside", { class: "sidebar", "aria-label": "Workspace" });
const header = h("header", { class: "main-header" });
const content = h("section", { class: "content", role: "log", "aria-live": "polite" });
const input = h("textarea", { "aria-label": "Message", rows: 1, class: "composer-input" });
const composer = h("form", { class: "composer", onsubmit: (e: Event) => {
  e.preventDefault();
  void send();
} }, input, h("button", { type: "submit", class: "btn btn-primary" }, "Send"));
const threadPane = h("aside", { class: "thread", "aria-label": "Thread" });
const modalLayer = h("div", { class: "modal-layer" });
root.replaceChildren(h("div", { class: "workspace" }, sidebar, h("main", { class: "main" }, header, content, composer), threadPane), modalLayer);

input.addEventListener("keydown", (e) => {
  if (e.key === "Enter" && !e.shiftKey) {
    e.preventDefault();
    void send();
  }
});

const names = () => snap?.names ?? { users: {}, channels: {} };
const channelId = () => (place.kind === "channel" ? place.id : place.kind === "dm" ? snap?.dm?.id ?? "" : "");

async function send(): Promise<void> {
  const text = input.value;
  if (!text.trim() || !channelId()) return;
  input.value = "";
  await postJson("workspace/type", { as: me, channel: channelId(), text });
  await refresh();
}

function messageHandlers(channel: string) {
  return {
    names: names(),
    botId: snap?.bot.id ?? "",
    fileUrl: (id: string) => `workspace/files/${id}`,
    onClick: (message: Message, element: Record<string, unknown>, block: Record<string, unknown>) =>
      void postJson("workspace/click", { as: me, channel, ts: message.ts, actionId: element.action_id, ...(block.block_id ? { blockId: block.block_id } : {}) }).then(refresh),
    onOpenThread: (message: Message) => {
      thread = { channel, ts: message.ts };
      render();
    },
  };
}

/** The languages the bot speaks, each with the Slack locale a person of that language has, named in itself. */
const LANGUAGES = [
  { locale: "en-US", name: "English" },
  { locale: "zh-TW", name: "繁體中文" },
  { locale: "zh-CN", name: "简体中文" },
  { locale: "ja-JP", name: "日本語" },
];

function languageSwitcher(s: Snapshot): HTMLElement {
  const current = s.me?.locale ?? "en-US";
  const shown = LANGUAGES.some((l) => l.locale === current) ? LANGUAGES : [...LANGUAGES, { locale: current, name: current }];
  const select = h("select", { id: "language", "aria-label": "Their Slack language", onchange: () => {
    void postJson("workspace/language", { as: me, locale: select.value }).then(() => {
      if (place.kind === "home") void postJson("workspace/home", { as: me });
      return refresh();
    });
  } }, shown.map((l) => h("option", { value: l.locale, selected: l.locale === current }, l.name)));
  return select;
}

function renderSidebar(s: Snapshot): void {
  const switcher = h("select", { id: "who", "aria-label": "You are", onchange: () => {
    me = switcher.value;
    localStorage.setItem("refund-desk-as", me);
    thread = undefined;
    if (place.kind === "home") void postJson("workspace/home", { as: me });
    void refresh();
  } }, s.people.map((p) => h("option", { value: p.id, selected: p.id === me }, `${p.realName} · ${p.title}`)));
  const item = (label: string, target: Place, current: boolean) =>
    h("button", { type: "button", class: `nav-item${current ? " current" : ""}`, "aria-current": current ? "page" : undefined, onclick: () => go(target) }, label);
  sidebar.replaceChildren(
    h("div", { class: "team" }, h("strong", {}, s.team), h("span", {}, "local workspace")),
    h("label", { class: "who", for: "who" }, "You are"),
    switcher,
    h("label", { class: "who", for: "language" }, "Their Slack language"),
    languageSwitcher(s),
    h("nav", { "aria-label": "Channels" }, h("h2", {}, "Channels"), s.channels.map((c) => item(`# ${c.name}`, { kind: "channel", id: c.id }, place.kind === "channel" && place.id === c.id))),
    h("nav", { "aria-label": "Apps" }, h("h2", {}, "Apps"), item(`${s.bot.name} · Home`, { kind: "home" }, place.kind === "home"), item(`${s.bot.name} · Messages`, { kind: "dm" }, place.kind === "dm")),
  );
  if (s.customer.customer) sidebar.append(h("nav", { "aria-label": "Outside Slack" }, h("h2", {}, "Outside Slack"), item("Customer (intake webhook)", { kind: "customer" }, place.kind === "customer")));
}

function go(target: Place): void {
  place = target;
  thread = undefined;
  if (target.kind === "home") void postJson("workspace/home", { as: me });
  render();
  if (target.kind === "channel" || target.kind === "dm") input.focus();
}

function renderMain(s: Snapshot): void {
  const atBottom = content.scrollHeight - content.scrollTop - content.clientHeight < 40;
  composer.hidden = place.kind !== "channel" && place.kind !== "dm";
  if (place.kind === "channel") {
    const id = place.id;
    const channel = s.channels.find((c) => c.id === id);
    header.replaceChildren(h("h1", {}, `# ${channel?.name ?? id}`), h("span", { class: "subtitle" }, "Type /refund ORDER_ID, /cancel ORDER_ID or /refund help"));
    input.placeholder = `Message #${channel?.name ?? ""}`;
    content.setAttribute("aria-label", `Messages in #${channel?.name ?? id}`);
    content.replaceChildren(...renderHistory(channel?.messages ?? [], messageHandlers(id)));
  } else if (place.kind === "dm") {
    header.replaceChildren(h("h1", {}, s.bot.name), h("span", { class: "subtitle" }, "Messages"));
    input.placeholder = `Message ${s.bot.name}`;
    content.setAttribute("aria-label", `Messages with ${s.bot.name}`);
    content.replaceChildren(...renderHistory(s.dm?.messages ?? [], messageHandlers(s.dm?.id ?? "")));
  } else if (place.kind === "home") {
    header.replaceChildren(h("h1", {}, s.bot.name), h("span", { class: "subtitle" }, "Home"));
    content.setAttribute("aria-label", `${s.bot.name} Home`);
    const home = s.home;
    content.replaceChildren(home ? renderBlocks(home.view.blocks, { names: names(), onAction: (element, block) => void postJson("workspace/view-action", { as: me, viewId: home.id, actionId: element.action_id, ...(block.block_id ? { blockId: block.block_id } : {}) }).then(refresh) }) : h("p", { class: "empty" }, "Opening Home…"));
  } else {
    header.replaceChildren(h("h1", {}, "Customer"), h("span", { class: "subtitle" }, "A request from another system, signed with the intake secret"));
    content.setAttribute("aria-label", "Customer");
    if (!content.querySelector(".customer")) content.replaceChildren(renderCustomerPanel(s.customer.example));
  }
  if (atBottom || place.kind !== "customer") content.scrollTop = content.scrollHeight;
}

function renderThread(s: Snapshot): void {
  threadPane.hidden = !thread;
  if (!thread) return void threadPane.replaceChildren();
  const { channel, ts } = thread;
  const messages = channel === s.dm?.id ? s.dm.messages : s.channels.find((c) => c.id === channel)?.messages ?? [];
  const inThread = messages.filter((m) => m.ts === ts || m.threadTs === ts);
  const handlers = { ...messageHandlers(channel), onOpenThread: undefined };
  threadPane.replaceChildren(
    h("header", { class: "thread-header" }, h("h2", {}, "Thread"), h("button", { type: "button", class: "icon-btn", "aria-label": "Close thread", onclick: () => {
      thread = undefined;
      render();
    } }, "×")),
    h("div", { class: "thread-messages" }, inThread.flatMap((m) => renderHistory([{ ...m, threadTs: null }], handlers))),
  );
}

function renderModals(s: Snapshot): void {
  const top = s.modals.at(-1);
  const key = top ? `${me}:${top.id}:${top.hash}:${JSON.stringify(top.errors)}` : "";
  if (key === shownModal) return;
  shownModal = key;
  if (!top) return void modalLayer.replaceChildren();
  const kept = modalValues.get(top.id);
  let values = kept?.values;
  if (!kept || kept.hash !== top.hash) {
    values = structuredClone(top.initial);
    for (const [blockId, actions] of Object.entries(kept?.values ?? {})) for (const [actionId, value] of Object.entries(actions)) if (values[blockId]?.[actionId]) values[blockId][actionId] = value;
    modalValues.set(top.id, { hash: top.hash, values });
  }
  const state = values!;
  modalLayer.replaceChildren(renderModal(top, {
    names: names(),
    values: state,
    onAction: (actionId, blockId, change) => void postJson("workspace/view-action", { as: me, viewId: top.id, actionId, blockId, change, values: state }).then(refresh),
    onUpload: async (file) => postJson<{ id: string; name: string }>("workspace/upload", { as: me, name: file.name, content: await file.text() }),
    onSubmit: () => void postJson("workspace/submit", { as: me, viewId: top.id, values: state }).then(refresh),
    onClose: () => void postJson("workspace/close", { as: me, viewId: top.id }).then(refresh),
  }));
  modalLayer.querySelector<HTMLElement>("input, textarea, select")?.focus();
}

function render(): void {
  if (!snap) return;
  const at = place;
  if (at.kind === "channel" && !snap.channels.some((c) => c.id === at.id)) place = { kind: "channel", id: snap.channels[0]?.id ?? "" };
  renderSidebar(snap);
  renderMain(snap);
  renderThread(snap);
  renderModals(snap);
}

let fetching: Promise<void> | undefined;
let again = false;
async function refresh(): Promise<void> {
  if (fetching) {
    again = true;
    return fetching;
  }
  fetching = (async () => {
    do {
      again = false;
      const next = (await (await fetch(`workspace/state?as=${encodeURIComponent(me)}`)).json()) as Snapshot;
      snap = next;
      if (next.me && next.me.id !== me) me = next.me.id;
      render();
    } while (again);
  })().finally(() => (fetching = undefined));
  return fetching;
}

// Live: every change in the workspace (a worker's chat.update, a reply, a modal) is redrawn as it comes.
new EventSource("workspace/events").onmessage = () => void refresh();
void refresh();
