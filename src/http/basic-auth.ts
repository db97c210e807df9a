import { createHash, timingSafeEqual } from "node:crypto";

export interface Credentials {
  user: string;
  password: string;
}

/** Hashing first gives equal lengths, so the comparison takes the same time whatever was sent. */
function sameSecret(a: string, b: string): boolean {
  return timingSafeEqual(createHash("sha256").update(a).digest(), createHash("sha256").update(b).digest());
}

/**
 * Whether an `Authorization` header carries exactly these credentials (RFC 7617). Both the user and
 * the password are always compared, so a wrong user takes as long as a wrong password.
 */
export function hasCredentials(header: string | undefined, expected: Credentials): boolean {
  const match = /^Basic +([A-Za-z0-9+/]+=*)\s*$/i.exec(header ?? "");
  if (!match) return false;
  const decoded = Buffer.from(match[1]!, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon === -1) return false;
  const userOk = sameSecret(decoded.slice(0, colon), expected.user);
  const passwordOk = sameSecret(decoded.slice(colon + 1), expected.password);
  return userOk && passwordOk;
}
