import { describe, expect, it } from "vitest";
import { isJsonContentType } from "../../../src/intake/json-content-type";

describe("the intake's content type", () => {
  it.each(["application/json", "Application/JSON", "application/json; charset=utf-8", 'application/json;charset="UTF-8"'])("accepts %j", (header) => {
    expect(isJsonContentType(header)).toBe(true);
  });

  it.each([undefined, "", "text/plain", "application/x-www-form-urlencoded", "application/jsonx", "application/json; charset=latin1", "multipart/form-data; boundary=x"])(
    "refuses %j",
    (header) => {
      expect(isJsonContentType(header)).toBe(false);
    },
  );
});
