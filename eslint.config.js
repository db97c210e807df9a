import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", "src/generated/", "coverage/", "dist/"] },
  js.configs.recommended,
  { files: ["**/*.cjs"], languageOptions: { sourceType: "commonjs", globals: { module: "writable", require: "readonly" } } },
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: "readonly", console: "readonly", Buffer: "readonly", URL: "readonly", setTimeout: "readonly", clearTimeout: "readonly", setInterval: "readonly", clearInterval: "readonly", fetch: "readonly", AbortSignal: "readonly", AbortController: "readonly", Response: "readonly", Request: "readonly", TextEncoder: "readonly", TextDecoder: "readonly", structuredClone: "readonly", queueMicrotask: "readonly", setImmediate: "readonly" } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-explicit-any": "error",
    },
  },
  {
    // The domain is pure: no I/O, no clock, no framework. Everything it needs comes in as arguments.
    files: ["src/domain/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["node:*", "fs", "http", "https", "net", "child_process", "crypto"], message: "The domain does no I/O." },
            { group: ["@slack/*", "bullmq", "ioredis", "pg", "@prisma/*", "pino", "prom-client"], message: "The domain imports no framework or driver." },
            { group: ["**/db/**", "**/queue/**", "**/slack/**", "**/providers/**", "**/intake/**", "**/cli/**", "**/http/**", "**/generated/**", "**/config/**"], message: "The domain imports nothing from the shell." },
          ],
        },
      ],
      "no-restricted-syntax": [
        "error",
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: "The domain reads no clock: take the time as an argument." },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: "The domain reads no clock: take the time as an argument." },
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: "The domain is deterministic." },
      ],
      "no-restricted-globals": ["error", "fetch", "process", "setTimeout", "setInterval"],
    },
  },
  {
    // A file does one job, in the tests, the bench and the scripts too.
    files: ["**/*.{ts,mts,js,mjs,cjs}"],
    rules: { "max-lines": ["error", { max: 300 }] },
  },
  {
    // The tools around the tests (fakes, support, the chaos run, the bench) keep functions short too;
    // a test file's describe block is a list of cases, not a function to read at once.
    files: ["bench/**/*.ts", "scripts/**/*.{ts,mjs}", "test/support/**/*.ts", "test/fakes/**/*.ts", "test/chaos/**/*.ts"],
    ignores: ["**/*.test.ts"],
    rules: { "max-lines-per-function": ["error", { max: 60, skipBlankLines: true, skipComments: true }] },
  },
  {
    // Short files and functions: a file does one job, a function fits on a screen.
    files: ["src/**/*.ts"],
    rules: {
      "max-lines": ["error", { max: 300 }],
      "max-lines-per-function": ["error", { max: 60, skipBlankLines: true, skipComments: true }],
    },
  },
);
