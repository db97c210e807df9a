/**
 * The intake reads JSON only: `application/json`, with no charset or with UTF-8 (the signature is
 * over the bytes, and the body is decoded as UTF-8). Anything else is answered 415 before a byte
 * of the body is read.
 */
export function isJsonContentType(header: string | undefined): boolean {
  if (header === undefined) return false;
  const [mediaType = "", ...parameters] = header.split(";").map((part) => part.trim().toLowerCase());
  if (mediaType !== "application/json") return false;
  return parameters.every((parameter) => {
    const [name, value = ""] = parameter.split("=", 2).map((part) => part.trim());
    return name !== "charset" || value.replaceAll('"', "") === "utf-8";
  });
}
