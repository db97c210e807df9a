const KEYS = new Map<string, Map<string, string>>();

/**
 * The catalog key `prefix.code`, made once per code and kept: a key made anew on every call is a
 * new string, which the catalog lookup has to flatten and hash each time, where a kept one is
 * hashed once. For codes of a closed set only (a status, a kind), as every one made is kept.
 */
export function codeKey<P extends string, C extends string>(prefix: P, code: C): `${P}.${C}` {
  let keys = KEYS.get(prefix);
  if (!keys) {
    keys = new Map();
    KEYS.set(prefix, keys);
  }
  let key = keys.get(code);
  if (key === undefined) {
    key = `${prefix}.${code}`;
    keys.set(code, key);
  }
  return key as `${P}.${C}`;
}
