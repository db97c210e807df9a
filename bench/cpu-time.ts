import { readdirSync, readFileSync } from "node:fs";

/** CPU time (user + system) a process has used so far, in ms, from Linux /proc; 0 once it is gone. */
export function cpuMs(pid: number): number {
  try {
    // Fields after the command name (which may hold spaces, hence from the last ')'): utime and stime are the 12th and 13th.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[11]) + Number(fields[12]);
    // USER_HZ is 100 on Linux.
    return (ticks * 1000) / 100;
  } catch {
    return 0;
  }
}

/**
 * CPU time (user + system) all processes of a program have used so far, in ms, from Linux /proc:
 * Postgres's backends come and go, so its postmaster's count of its ended children is added.
 */
export function programCpuMs(program: "postgres" | "redis-server"): number {
  let ticks = 0;
  for (const pid of readdirSync("/proc")) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      if (!stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")).startsWith(program)) continue;
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      // utime, stime, then cutime, cstime: the CPU of ended children the process has waited for.
      ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
    } catch {
      // The process ended while we read.
    }
  }
  return (ticks * 1000) / 100;
}
