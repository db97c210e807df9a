import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, SCREENSHOTS, type Browser } from "../support/browser";
import { startLocalWorkspaceApp } from "../support/local-workspace-app";
import type { AppProcess } from "../support/process-runner";

let app: AppProcess;
let browser: Browser;
let page: Page;
let url: string;
let label: string;

beforeAll(async () => {
  ({ app, url } = await startLocalWorkspaceApp());
  browser = await launchChromium();
  page = await browser.context.newPage();
  await page.goto(url);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const shot = (name: string) => page.screenshot({ path: `${SCREENSHOTS}/${name}.png` });
const messages = () => page.getByRole("log");
const messageSaying = (text: string) => messages().getByRole("article").filter({ hasText: text });
const openChannel = (name: string) => page.getByRole("navigation", { name: "Channels" }).getByRole("button", { name: `# ${name}` }).click();
const beWho = (name: string) => page.getByLabel("You are").selectOption({ label: name });

describe("the local workspace in a browser", () => {
  it("as the agent: /refund a demo order, fill the modal, file it, and see the decision in #refund-requests", async () => {
    await expect.poll(() => page.getByLabel("You are").inputValue()).toBe("U0MEI");
    const box = page.getByRole("textbox", { name: "Message" });
    await box.fill("/refund CB1002");
    await box.press("Enter");
    const modal = page.getByRole("dialog", { name: "Refund an order" });
    await modal.waitFor();
    await expect.poll(() => modal.getByText("Cyberbiz order CB1002").count()).toBe(1);
    await modal.getByRole("combobox", { name: "Reason" }).selectOption({ label: "Defective item" });
    await modal.getByLabel("Amount to refund").fill("1200");
    await modal.getByRole("checkbox", { name: "Email / message the customer" }).check();
    await modal.getByLabel("Note for the approver").fill("The lid arrived broken.");
    await shot("1-refund-modal");
    await modal.getByRole("button", { name: "File request" }).click();
    await modal.waitFor({ state: "detached" });

    const confirmation = messageSaying("Only visible to you").filter({ hasText: "of order CB1002" });
    await confirmation.waitFor();
    label = /RD-\d+/.exec((await confirmation.textContent()) ?? "")![0];
    const decision = messageSaying(`${label} · Refund · Cyberbiz order CB1002`);
    await decision.getByText("waiting for approval").waitFor();
    await expect.poll(() => decision.textContent()).toMatch(/Allowed.*NT\$1,200|NT\$1,200.*Allowed/s);
    expect(await decision.textContent()).toContain("@Mei Lin");
    await shot("2-decision");
  });

  it("as the agent: Approve on their own request is refused, privately", async () => {
    await openChannel("refund-approvals");
    const approval = messageSaying(`Approval needed for ${label}`);
    await approval.getByRole("button", { name: "Approve" }).click();
    const refusal = messageSaying(`Only approvers can approve or reject refunds; ${label} was left as it is.`);
    await refusal.waitFor();
    await expect.poll(() => refusal.textContent(), { timeout: 10_000 }).toContain("Only visible to you");
    await shot("3-refused");
    // Nobody else sees it.
    await beWho("Kenji Sato · Approver");
    await approval.getByRole("button", { name: "Approve" }).waitFor();
    // The page draws the other person's view after the switch: wait for it, not for the old one.
    await expect.poll(() => refusal.count(), { timeout: 10_000 }).toBe(0);
  });

  it("as an approver: Approve in #refund-approvals, the buttons go, the result appears in the thread", async () => {
    const approval = messageSaying(`for ${label}`);
    await approval.getByRole("button", { name: "Approve" }).click();
    await approval.getByText("Approved by @Kenji Sato").waitFor();
    await expect.poll(() => approval.getByRole("button").count()).toBe(0);
    await shot("4-approved");

    await openChannel("refund-requests");
    const request = messageSaying(`${label} · Refund · Cyberbiz order CB1002`);
    // Carrying it out posts its last effect (the customer notice) after the buttons go.
    await expect.poll(() => request.textContent(), { timeout: 20_000 }).toMatch(/State\s*done/);
    await request.getByRole("button", { name: /repl(y|ies)/ }).click();
    const thread = page.getByRole("complementary", { name: "Thread" });
    await thread.getByText("Approved by @Kenji Sato.").waitFor();
    await thread.getByText("Done.").waitFor();
    await shot("5-thread");
  });

  it("as the agent: /cancel bulk, upload a CSV, review it, file it; the batch appears in #refund-requests", async () => {
    await beWho("Mei Lin · Support agent");
    await openChannel("refund-requests");
    const box = page.getByRole("textbox", { name: "Message" });
    await box.fill("/cancel bulk");
    await box.press("Enter");
    const modal = page.getByRole("dialog", { name: "Cancel orders from a CSV" });
    await modal.getByLabel("…or upload it").setInputFiles({ name: "orders.csv", mimeType: "text/csv", buffer: Buffer.from("order id,reason\nQX2001,out_of_stock\nQX2003,shipping_delay\nNOSUCH9,out_of_stock\n") });
    await modal.getByText("Uploaded: orders.csv").waitFor();
    await shot("6-bulk-csv");
    await modal.getByRole("button", { name: "Review" }).click();
    // The bot read the file through files.info and its download, and answered with the review in its place.
    const review = page.getByRole("dialog", { name: "Review the bulk request" });
    await review.getByText("2 orders recognised").waitFor();
    expect(await review.textContent()).toContain("NOSUCH9");
    await shot("7-bulk-review");
    await review.getByRole("button", { name: "File 2 requests" }).click();
    await review.waitFor({ state: "detached" });
    await messageSaying("Batch B").filter({ hasText: "2 orders filed by @Mei Lin" }).waitFor();
  });

  it("switching a person's Slack language switches the bot's modal for them to it", async () => {
    await beWho("Ryo Tanaka · Warehouse, not an approver");
    await openChannel("refund-requests");
    const box = page.getByRole("textbox", { name: "Message" });
    await page.getByLabel("Their Slack language").selectOption({ label: "日本語" });
    await box.fill("/refund CB1003");
    await box.press("Enter");
    const modal = page.getByRole("dialog", { name: "注文を返金" });
    await modal.getByText("返金可能額", { exact: true }).waitFor();
    await shot("8-modal-in-japanese");
    await modal.getByRole("button", { name: "閉じる", exact: true }).click();
    await modal.waitFor({ state: "detached" });

    await page.getByLabel("Their Slack language").selectOption({ label: "English" });
    await box.fill("/refund CB1003");
    await box.press("Enter");
    const english = page.getByRole("dialog", { name: "Refund an order" });
    await english.getByText("Refundable", { exact: true }).waitFor();
    await english.getByRole("button", { name: "Close", exact: true }).click();
    await english.waitFor({ state: "detached" });
  });
});
