import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { envSchema } from "../../../src/config/env";
import { localWorkspaceEnvSchema } from "../../../src/local-workspace/local-env";

describe(".env.example", () => {
  const text = readFileSync(".env.example", "utf8");
  const lines = text.split("\n");
  const listed = lines.map((line) => /^([A-Z][A-Z0-9_]*)=/.exec(line)?.[1]).filter((name): name is string => Boolean(name));

  it("lists every variable the bot reads, and nothing it does not", () => {
    const read = [...Object.keys(envSchema.shape), ...Object.keys(localWorkspaceEnvSchema.shape), "DOTENV_PATH"];
    expect([...listed].sort()).toEqual([...read].sort());
  });

  it("explains every variable with a comment right above it", () => {
    for (const name of listed) {
      const index = lines.findIndex((line) => line.startsWith(`${name}=`));
      expect(lines[index - 1], `${name} has no comment`).toMatch(/^# /);
    }
  });

  it("holds no secret", () => {
    for (const name of ["SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN", "INTAKE_SECRET", "ADMIN_PASSWORD"]) expect(text).toMatch(new RegExp(`^${name}=$`, "m"));
  });
});
