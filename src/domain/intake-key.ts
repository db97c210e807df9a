/**
 * The idempotency key of an intake delivery: a sender's retry, or the same delivery arriving twice at
 * once, finds the first request instead of filing a second. A source never holds a colon, so the
 * key reads back unambiguously even when the sender's id does.
 */
export function intakeIdempotencyKey(source: string, externalId: string): string {
  return `intake:${source}:${externalId}`;
}

/** The source and the sender's id of a stored intake request, read back from its key. */
export function intakeKeyParts(key: string): { source: string; externalId: string } | null {
  const match = /^intake:([^:]+):(.+)$/s.exec(key);
  return match ? { source: match[1]!, externalId: match[2]! } : null;
}
