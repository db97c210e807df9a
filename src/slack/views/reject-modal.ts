import type { ModalView } from "@slack/types";
import { z } from "zod";
import type { Words } from "../../presentation/words";
import { IDS } from "../ids";
import { requestLabel } from "../format";

export const rejectModalMetadataSchema = z.object({ requestId: z.int().positive().max(2_147_483_647) });

/** The reject modal's private_metadata, from any value: the request it rejects, or null. */
export function parseRejectModalMetadata(raw: unknown): z.infer<typeof rejectModalMetadataSchema> | null {
  if (typeof raw !== "string") return null;
  try {
    const parsed = rejectModalMetadataSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Rejecting needs a reason: it is shown to the requester and kept in the audit trail. */
export function buildRejectModal(words: Words, requestId: number): ModalView {
  return {
    type: "modal",
    callback_id: IDS.views.rejectModal,
    private_metadata: JSON.stringify({ requestId }),
    title: { type: "plain_text", text: words.t("modals.reject.title", { request: requestLabel(requestId) }) },
    submit: { type: "plain_text", text: words.t("modals.reject.submit") },
    close: { type: "plain_text", text: words.t("modals.cancel") },
    blocks: [
      {
        type: "input",
        block_id: IDS.blocks.rejectReason,
        label: { type: "plain_text", text: words.t("modals.reject.why") },
        element: { type: "plain_text_input", action_id: IDS.actions.rejectReason, multiline: true, min_length: 3, max_length: 500 },
      },
    ],
  };
}

export function parseRejectReason(values: Record<string, Record<string, { value?: string | null }>>): string | null {
  const reason = (values[IDS.blocks.rejectReason]?.[IDS.actions.rejectReason]?.value ?? "").trim();
  return reason.length >= 3 && reason.length <= 500 ? reason : null;
}
