/**
 * Statements that change many requests lock their rows in the order of their input (a nested loop
 * over it, each row found by its key). Two of them given the same requests in different orders
 * deadlock, and Postgres breaks a deadlock only after `deadlock_timeout` (1 s), every other write
 * to those requests waiting meanwhile: under load the Slack projection's records and the approval
 * timers' pass did, and no decision message went out for a second. Given their rows in ascending
 * id order, any two such statements wait for each other at most, as each takes its locks in the
 * same order.
 */
export function inLockOrder<T>(rows: readonly T[], idOf: (row: T) => number): T[] {
  return [...rows].sort((a, b) => idOf(a) - idOf(b));
}
