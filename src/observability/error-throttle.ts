/**
 * Decides whether an error is worth a log line: once per distinct message every `windowMs`. While
 * Redis is down every reconnection attempt fails the same way: the outage must show in the log,
 * not flood it.
 */
export function errorThrottle(windowMs = 5_000, now: () => number = Date.now): (error: Error) => boolean {
  let last = { message: "", at: 0 };
  return (error) => {
    const at = now();
    if (error.message === last.message && at - last.at < windowMs) return false;
    last = { message: error.message, at };
    return true;
  };
}
