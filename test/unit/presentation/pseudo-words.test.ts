import { describe, expect, it } from "vitest";
import { pseudoWords, readableStrings, wordsOutsideTheCatalog } from "../../support/pseudo-words";

describe("the pseudo-locale", () => {
  it("fences the catalog's words and keeps placeholders filled", () => {
    expect(pseudoWords.t("common.reason.out_of_stock")).toBe("⟦Out of stock⟧");
  });

  it("finds a word that a builder wrote itself", () => {
    const blocks = [{ type: "section", text: { type: "mrkdwn", text: `${pseudoWords.t("common.kind.cancel")} <@U123> CB1001 Approved` } }];
    expect(wordsOutsideTheCatalog(readableStrings(blocks))).toEqual(["Approved"]);
  });

  it("lets data given to the builder through", () => {
    const strings = readableStrings({ type: "plain_text", text: `${pseudoWords.t("common.kind.refund")}: Chen Mei` });
    expect(wordsOutsideTheCatalog(strings, ["Chen Mei"])).toEqual([]);
  });
});
