import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { sendAsCustomer } from "./customer-panel";
import { readBody, sendJson, type WorkspaceRoute } from "./http-helpers";
import type { LocalWorkspace } from "./local-workspace";
import type { PageOptions } from "./page-routes";
import { PeopleActions } from "./people-actions";

export const userId = z.string().regex(/^[UW][A-Z0-9]{2,20}$/);
const values = z.record(z.string(), z.record(z.string(), z.record(z.string(), z.unknown())));
const schemas = {
  type: z.object({ as: userId, channel: z.string().regex(/^[CGD][A-Z0-9]{2,20}$/), text: z.string().min(1).max(40_000) }),
  click: z.object({ as: userId, channel: z.string().min(1).max(32), ts: z.string().min(1).max(32), actionId: z.string().min(1).max(255), blockId: z.string().max(255).optional() }),
  viewAction: z.object({ as: userId, viewId: z.string().min(1).max(32), actionId: z.string().min(1).max(255), blockId: z.string().max(255).optional(), change: z.record(z.string(), z.unknown()).default({}), values: values.default({}) }),
  submit: z.object({ as: userId, viewId: z.string().min(1).max(32), values }),
  close: z.object({ as: userId, viewId: z.string().min(1).max(32) }),
  home: z.object({ as: userId }),
  language: z.object({ as: userId, locale: z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/) }),
  upload: z.object({ as: userId, name: z.string().min(1).max(255), content: z.string().max(2 * 1024 * 1024) }),
  customer: z.object({ body: z.unknown() }),
};

async function bodyOf<S extends z.ZodType>(req: IncomingMessage, res: ServerResponse, schema: S): Promise<z.infer<S> | undefined> {
  let parsed: unknown;
  try {
    parsed = JSON.parse((await readBody(req)).toString("utf8"));
  } catch {
    sendJson(res, 400, { error: "expected a JSON body" });
    return undefined;
  }
  const checked = schema.safeParse(parsed);
  if (checked.success) return checked.data;
  sendJson(res, 400, { error: checked.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ") });
  return undefined;
}

/** What people do on the page (type, click, submit a modal, send as a customer…), each carried out as Slack would. */
export function pageActionRoutes(ws: LocalWorkspace, options: PageOptions): WorkspaceRoute[] {
  const people = new PeopleActions(ws);
  const post = <S extends z.ZodType>(path: string, schema: S, act: (body: z.infer<S>) => Promise<unknown>): WorkspaceRoute => ({
    method: "POST",
    path: `${options.prefix ?? ""}/workspace/${path}`,
    handler: async (req, res) => {
      const body = await bodyOf(req, res, schema);
      if (body !== undefined) sendJson(res, 200, (await act(body)) ?? { ok: true });
    },
  });
  const viewOf = (user: string, viewId: string) => ws.state.modalStack(user).find((v) => v.id === viewId) ?? [...ws.state.homes.values()].find((v) => v.id === viewId && v.user === user);
  return [
    post("type", schemas.type, async ({ as, channel, text }) => people.type(as, channel, text)),
    post("click", schemas.click, async ({ as, channel, ts, actionId, blockId }) => {
      const message = ws.state.history(channel).find((m) => m.ts === ts && (!m.visibleTo || m.visibleTo === as));
      return { ok: message ? await people.clickMessage(as, message, actionId, blockId) : false };
    }),
    post("view-action", schemas.viewAction, async ({ as, viewId, actionId, blockId, change, values: state }) => {
      const view = viewOf(as, viewId);
      return { ok: view ? await people.actInView(as, view, actionId, blockId, change, state) : false };
    }),
    post("submit", schemas.submit, ({ as, viewId, values: state }) => people.submit(as, viewId, state)),
    post("close", schemas.close, async ({ as, viewId }) => people.close(as, viewId)),
    post("home", schemas.home, async ({ as }) => people.openHome(as)),
    post("language", schemas.language, async ({ as, locale }) => people.setLanguage(as, locale)),
    post("upload", schemas.upload, async ({ as, name, content }) => ({ id: people.upload(as, name, content), name })),
    post("customer", schemas.customer, async ({ body }) => {
      if (!options.intake) return { status: 404, answer: { error: "intake_disabled" }, curl: "" };
      const shown = options.shownBaseUrl ? `${options.shownBaseUrl()}/intake/requests` : options.intake.url;
      return sendAsCustomer(options.intake, body, shown);
    }),
  ];
}
