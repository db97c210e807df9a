// `npm run docs:screenshot`: docs/images/local-workspace.png, the local workspace as an approver sees
// it with a request waiting. Starts the bot with no Slack app configured, in a database and queues
// of its own (emptied first), files a refund as the agent and switches to an approver.
// Needs Postgres, Redis and Debian's chromium (fonts-noto-color-emoji draws the emoji).
import { DEFAULT_DATABASE_URL } from "../src/config/defaults";
import { dropDatabase } from "../src/db/ensure-database";
import { launchChromium } from "../test/support/browser";
import { startApp } from "../test/support/process-runner";

const OUT = "docs/images/local-workspace.png";
const database = new URL(process.env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL);
database.pathname = `/${decodeURIComponent(database.pathname.slice(1)) || "refund_desk"}_screenshot`;
await dropDatabase(database.toString());

const app = await startApp({
  command: [process.execPath, "--import", "tsx", "src/entry/start.ts"],
  env: { DATABASE_URL: database.toString(), QUEUE_PREFIX: `refund-desk-screenshot-${Date.now().toString(36)}`, PORT: "0", SLACK_BOT_TOKEN: "", SLACK_SIGNING_SECRET: "", DOTENV_PATH: "/nonexistent/.env", LOG_LEVEL: "warn", TZ: "Asia/Taipei" },
  readyMessage: "Local workspace: ",
});
const url = /Local workspace: (\S+)/.exec(app.output.find((line) => line.startsWith("Local workspace: "))!)![1]!;
const browser = await launchChromium({ width: 1280, height: 760 });
try {
  const page = await browser.context.newPage();
  await page.emulateMedia({ reducedMotion: "reduce" });
  await page.goto(url);
  const box = page.getByRole("textbox", { name: "Message" });
  await box.fill("/refund CB1002");
  await box.press("Enter");
  const modal = page.getByRole("dialog", { name: "Refund an order" });
  await modal.getByRole("combobox", { name: "Reason" }).selectOption({ label: "Defective item" });
  await modal.getByLabel("Amount to refund").fill("1200");
  await modal.getByLabel("Note for the approver").fill("The lid arrived broken; photos in the ticket.");
  await modal.getByRole("button", { name: "File request" }).click();
  await page.getByRole("log").getByText("waiting for approval").waitFor();
  await page.getByLabel("You are").selectOption({ label: "Kenji Sato · Approver" });
  await page.getByRole("navigation", { name: "Channels" }).getByRole("button", { name: "# refund-approvals" }).click();
  await page.getByRole("log").getByRole("button", { name: "Approve" }).waitFor();
  await page.screenshot({ path: OUT });
  process.stdout.write(`wrote ${OUT}\n`);
} finally {
  await browser.close();
  await app.stop();
  await dropDatabase(database.toString());
}
