import { spawn, type ChildProcess } from "node:child_process";

export interface AppProcess {
  child: ChildProcess;
  /** http://127.0.0.1:PORT when the process serves HTTP. */
  baseUrl: string;
  /** Every line the process printed, for assertions on logs. */
  output: string[];
  /**
   * Sends `signal` to the process's whole group, as Ctrl-C in a terminal or a process manager
   * does (so `npm start`'s child gets it too), and resolves with the exit code of the process.
   */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export interface StartOptions {
  /** What to run, as a user would: default the single-process entry (`npm start` without migrations). */
  command?: string[];
  env?: Record<string, string>;
  /** The log message that says the process is ready. */
  readyMessage?: string;
  timeoutMs?: number;
  /** Keep at most this many lines of output (a long benchmark run prints a lot). */
  maxLines?: number;
}

/** Starts the bot as its user would, and waits until it says it is ready. */
export async function startApp({ command = [process.execPath, "--import", "tsx", "src/entry/all.ts"], env = {}, readyMessage = "web: listening for Slack on /slack/events", timeoutMs = 60_000, maxLines = Infinity }: StartOptions): Promise<AppProcess> {
  const [bin, ...args] = command;
  // Its own process group, so that stop() reaches every process it started and none is left behind.
  const child = spawn(bin!, args, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"], detached: true });
  const output: string[] = [];
  let port = 0;
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`app not ready after ${timeoutMs} ms:\n${output.join("\n")}`)), timeoutMs);
    const onLine = (line: string) => {
      output.push(line);
      if (output.length > maxLines) output.shift();
      if (!line.includes(readyMessage)) return;
      try {
        port = (JSON.parse(line) as { port?: number }).port ?? 0;
      } catch {
        /* not JSON: no port to read */
      }
      clearTimeout(timer);
      resolve();
    };
    for (const stream of [child.stdout!, child.stderr!]) {
      let buffered = "";
      stream.on("data", (chunk: Buffer) => {
        buffered += chunk.toString("utf8");
        const lines = buffered.split("\n");
        buffered = lines.pop() ?? "";
        lines.forEach(onLine);
      });
    }
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`app exited with ${code} before it was ready:\n${output.join("\n")}`));
    });
  });
  await ready.catch((error: unknown) => {
    killGroup(child, "SIGKILL");
    throw error;
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return {
    child,
    baseUrl: `http://127.0.0.1:${port}`,
    output,
    async stop(signal = "SIGTERM") {
      if (child.exitCode !== null) return child.exitCode;
      killGroup(child, signal);
      const code = await exited;
      await groupGone(child);
      return code;
    },
  };
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    /* already gone */
  }
}

/** Waits until no process of the group is left (e.g. the node process under `npm start`). */
async function groupGone(child: ChildProcess, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      process.kill(-child.pid!, 0);
    } catch {
      return;
    }
    if (Date.now() > deadline) {
      killGroup(child, "SIGKILL");
      throw new Error("processes of the app were still running after it stopped");
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
