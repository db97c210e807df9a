import type { z } from "zod";
import type { ConfirmResult } from "../../../db/batches";
import type { Words } from "../../../presentation/words";

/** A modal's private_metadata, parsed; null when it is not what this modal carries. */
export function parseJsonMetadata<S extends z.ZodType>(schema: S, raw: string): z.infer<S> | null {
  try {
    const parsed = schema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** What to tell the agent in the modal about a confirmation; null: it is filed (now or before). */
export function confirmAnswer(words: Words, result: ConfirmResult): string | null {
  switch (result.kind) {
    case "confirmed":
    case "already":
      return null;
    case "not_found":
      return words.t("modals.out_of_date");
    case "not_yours":
      return words.t("modals.bulk.someone_else");
  }
}
