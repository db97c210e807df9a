import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FakeLinePay } from "../fakes/fake-line-pay";
import { startApp, type AppProcess } from "../support/process-runner";

export const SIGNING_SECRET = "chaos-signing-secret-0123456789";
export const BOT_TOKEN = "xoxb-chaos-token";
export const REQUESTS_CHANNEL = "C0CHAOSREQ";
export const APPROVALS_CHANNEL = "C0CHAOSAPP";
export const APPROVER = "U0CHAOSBOSS";
/** Up to 1,000 in the smallest unit (an order's refunds together) approved by the policy; above, one approver clicks Approve in Slack. */
const POLICY = `
approvers: { users: [${APPROVER}] }
thresholds:
  TWD: { autoApproveUpTo: 1000, singleApproverUpTo: 1000000 }
  JPY: { autoApproveUpTo: 1000, singleApproverUpTo: 1000000 }
  USD: { autoApproveUpTo: 1000, singleApproverUpTo: 1000000 }
`;

const node = (entry: string) => [process.execPath, "--import", "tsx", `src/entry/${entry}.ts`];

/** The app's database URL: the same database, through the proxy. */
function throughProxy(databaseUrl: string, port: number): string {
  const url = new URL(databaseUrl);
  url.hostname = "127.0.0.1";
  url.port = String(port);
  return url.toString();
}

export interface ChaosEnvInput {
  databaseUrl: string;
  proxyPort: number;
  redisUrl: string;
  tag: string;
  slackApiUrl: string;
  linePay: FakeLinePay;
}

/** The app's environment: the run's Redis, Postgres through the proxy, the fakes, the policy file, and sweepers fast enough to rebuild within seconds. */
export function chaosEnv(input: ChaosEnvInput): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), "rd-chaos-"));
  writeFileSync(join(dir, "refund-desk.config.yaml"), POLICY);
  return {
    NODE_ENV: "test",
    LOG_LEVEL: "info",
    DOTENV_PATH: "/nonexistent/.env",
    DATABASE_URL: throughProxy(input.databaseUrl, input.proxyPort),
    REDIS_URL: input.redisUrl,
    QUEUE_PREFIX: `chaos-${input.tag.toLowerCase()}`,
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: input.slackApiUrl,
    REFUND_REQUESTS_CHANNEL: REQUESTS_CHANNEL,
    REFUND_APPROVALS_CHANNEL: APPROVALS_CHANNEL,
    REFUND_DESK_CONFIG: join(dir, "refund-desk.config.yaml"),
    LINEPAY_CHANNEL_ID: input.linePay.channelId,
    LINEPAY_CHANNEL_SECRET: input.linePay.channelSecret,
    LINEPAY_API_URL: input.linePay.apiUrl,
    PORT: "0",
    WORKER_CONCURRENCY: "8",
    // Short, so that what Redis forgot is rebuilt from Postgres within seconds, not minutes.
    SWEEP_EVERY_MS: "2000",
    STALE_REQUEST_AFTER_MS: "4000",
    SWEEP_EXECUTIONS_EVERY_MS: "2000",
    STALLED_EXECUTION_AFTER_MS: "5000",
  };
}

/**
 * The app under chaos: one web and N worker processes, each started as `node --import tsx`, a
 * worker killed and started again in its slot, and every process that ever ran kept for its log.
 */
export class ChaosApp {
  web: AppProcess | undefined;
  readonly workers: (AppProcess | undefined)[] = [];
  /** Worker restarts under way. */
  readonly restarting = new Set<Promise<void>>();
  private readonly finished: { name: string; process: AppProcess }[] = [];
  private env: Record<string, string> = {};

  constructor(private readonly maxLines: number) {}

  /** Starts the web and `workerCount` workers together; resolves once all are ready. */
  async start(env: Record<string, string>, workerCount: number): Promise<void> {
    this.env = env;
    [this.web] = await Promise.all([startApp({ command: node("web"), env, maxLines: this.maxLines }).then((p) => {
        this.finished.push({ name: "web-1", process: p });
        return p;
      }), ...Array.from({ length: workerCount }, (_, i) => this.startWorker(i))]);
  }

  startWorker(i: number): Promise<void> {
    return startApp({ command: node("worker"), env: this.env, readyMessage: "worker: processing jobs", maxLines: this.maxLines }).then((p) => {
      this.workers[i] = p;
      this.finished.push({ name: `worker-${i}-${this.finished.filter((f) => f.name.startsWith(`worker-${i}-`)).length + 1}`, process: p });
    });
  }

  /** SIGKILLs worker `i`; its slot stays empty until restartWorker's start is done. */
  async killWorker(i: number): Promise<void> {
    const victim = this.workers[i]!;
    this.workers[i] = undefined;
    await victim.stop("SIGKILL");
  }

  /** Starts worker `i` again half a second later, in the background (awaited through `restarting`). */
  restartWorker(i: number): void {
    const restart = new Promise((resolve) => setTimeout(resolve, 500)).then(() => this.startWorker(i));
    this.restarting.add(restart);
    void restart.finally(() => this.restarting.delete(restart));
  }

  /** SIGKILLs the process group of every process started, at once: for when the runner itself dies. */
  killEverything(): void {
    for (const p of [this.web, ...this.workers, ...this.finished.map((f) => f.process)]) if (p?.child.pid) try { process.kill(-p.child.pid, "SIGKILL"); } catch { /* gone */ }
  }

  lastLines(log: (line: string) => void): void {
    for (const p of [this.web, ...this.workers]) if (p) log(`--- last lines of a process ---\n${p.output.slice(-40).join("\n")}`);
  }

  async stop(): Promise<void> {
    await Promise.all([...this.restarting]).catch(() => undefined);
    await Promise.all([this.web, ...this.workers].map((p) => p?.stop("SIGKILL").catch(() => undefined)));
  }

  /** Each process's lines, as web-1.log and worker-N-K.log for the K-th run of worker N. */
  writeLogs(logDir: string): void {
    mkdirSync(logDir, { recursive: true });
    for (const { name, process } of this.finished) writeFileSync(join(logDir, `${name}.log`), `${process.output.join("\n")}\n`);
  }
}
