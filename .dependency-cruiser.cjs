/**
 * The architecture, as rules: what may import what in src/. `npm test` runs it (`npm run check:layers`).
 * docs/architecture.md tells the same in prose, with one request's path through the layers.
 *
 *   domain          src/domain/           pure rules and vocabulary (zod schemas + types)
 *   presentation    src/presentation/     every word a person reads; reads the domain only
 *   use-cases       src/use-cases/        what the bot does; talks to the world through
 *                                         src/use-cases/ports/ (interfaces)
 *   adapters        src/{slack,queue,db,providers,http,intake,cli,local-workspace}/
 *                                         implement the ports, call the use cases
 *   shared kernel   src/{config,observability}/   settings, logs, metrics: for adapters and app
 *   composition     src/{app,entry}/      wires adapters into use cases; may import anything
 *                                         (src/entry/: the mains of the processes and the CLI)
 *
 * An import points down this list, never up, and an adapter never imports another adapter's
 * values (a type-only import is tolerated where a port would be artificial).
 */

const ADAPTERS = "slack|queue|db|providers|http|intake|cli|local-workspace";
const KERNEL = "config|observability";
const COMPOSITION = "app|entry";
/** Drivers and frameworks: each belongs to the adapter that speaks it. */
const FRAMEWORKS = "^(@slack/|@bull-board/|bullmq|ioredis|pg|@prisma/|express|undici|pino|prom-client)";

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "domain-is-pure",
      comment:
        "The domain (rules, decisions, the state machine, currency) imports only other domain files and zod: " +
        "no I/O, no framework, nothing of the shell. eslint also bans the clock and node: modules there.",
      severity: "error",
      from: { path: "^src/domain/" },
      to: { pathNot: ["^src/domain/", "^node_modules/zod/"] },
    },
    {
      name: "presentation-reads-the-domain-only",
      comment: "Words, labels and formatting (src/presentation/) render domain values; they know no adapter and no use case.",
      severity: "error",
      from: { path: "^src/presentation/" },
      to: { path: `^src/(use-cases|${ADAPTERS}|${KERNEL}|${COMPOSITION})/` },
    },
    {
      name: "use-cases-go-through-ports",
      comment:
        "A use case imports the domain and its own ports (src/use-cases/ports/: interfaces for Slack, the queue, " +
        "the stores, the providers, the clock, the log), not even a type from an adapter, the kernel or the app. " +
        "It never builds Block Kit and holds no words for people: it hands codes and data to a port.",
      severity: "error",
      from: { path: "^src/use-cases/", pathNot: "^src/use-cases/ports/store\\.ts$" },
      to: { path: `^src/(presentation|${ADAPTERS}|${KERNEL}|${COMPOSITION})/` },
    },
    {
      name: "the-store-port-names-rows-only",
      comment:
        "The store port (src/use-cases/ports/store.ts) names the rows the db adapter reads, type-only, rather " +
        "than declaring every column a second time. Nothing else of an adapter, and no value.",
      severity: "error",
      from: { path: "^src/use-cases/ports/store\\.ts$" },
      to: {
        path: `^src/(presentation|${ADAPTERS}|${KERNEL}|${COMPOSITION})/`,
        pathNot: "^src/db/",
      },
    },
    {
      name: "the-store-port-takes-no-db-values",
      comment: "Only types cross from the db adapter into the store port.",
      severity: "error",
      from: { path: "^src/use-cases/ports/store\\.ts$" },
      to: { path: "^src/db/", dependencyTypesNot: ["type-only"] },
    },
    {
      name: "every-folder-has-a-layer",
      comment: "A folder of src/ belongs to one layer above; a new one is added here with its rules.",
      severity: "error",
      from: { path: "^src/", pathNot: `^src/(domain|presentation|use-cases|${ADAPTERS}|${KERNEL}|${COMPOSITION}|generated)/` },
      to: {},
    },
    {
      name: "use-cases-use-no-framework",
      comment: "Drivers and frameworks (Slack, BullMQ, Redis, Postgres, Prisma, HTTP, logging) stay in the adapters and the kernel.",
      severity: "error",
      from: { path: "^src/(domain|presentation|use-cases)/" },
      to: { dependencyTypes: ["npm", "npm-dev", "npm-optional", "npm-peer", "npm-no-pkg", "npm-unknown"], path: FRAMEWORKS },
    },
    {
      name: "adapters-share-no-values",
      comment:
        "An adapter never imports another adapter's values: the queue does not call Slack, Slack does not query " +
        "the database. They meet in a use case (through its ports) or in the app's wiring. A type-only import " +
        "is tolerated where a port would be artificial.",
      severity: "error",
      from: { path: `^src/(${ADAPTERS})/` },
      to: { path: `^src/(${ADAPTERS})/`, pathNot: "^src/$1/", dependencyTypesNot: ["type-only"] },
    },
    {
      name: "only-what-people-read-uses-presentation",
      comment: "Words for people are rendered where people read them: Slack, the CLI, the local workspace page.",
      severity: "error",
      from: { path: "^src/(queue|db|providers|http|intake)/" },
      to: { path: "^src/presentation/" },
    },
    {
      name: "kernel-stays-below-adapters",
      comment: "Settings, logs and metrics (the shared kernel) import the domain and each other, nothing above them.",
      severity: "error",
      from: { path: `^src/(${KERNEL})/` },
      to: { path: `^src/(presentation|use-cases|${ADAPTERS}|${COMPOSITION})/` },
    },
    {
      name: "composition-on-top",
      comment:
        "Only the app's wiring and the entry points import the app. Below it, only a type may be taken from it " +
        "(`Services`, what a listener or processor is given).",
      severity: "error",
      from: { path: "^src/", pathNot: `^src/(${COMPOSITION})/` },
      to: { path: `^src/(${COMPOSITION})/`, dependencyTypesNot: ["type-only"] },
    },
    {
      name: "prisma-client-in-db-only",
      comment: "The generated Prisma client is the db adapter's own.",
      severity: "error",
      from: { path: "^src/", pathNot: "^src/(db|generated)/" },
      to: { path: "^src/generated/" },
    },
    {
      name: "no-value-cycles",
      comment: "No module reaches itself again through value imports.",
      severity: "error",
      from: { path: "^src/" },
      to: { circular: true, viaOnly: { dependencyTypesNot: ["type-only"] } },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^src/generated/prisma/(internal|models)/" },
    includeOnly: "^(src|node_modules)/",
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default", "types"], mainFields: ["module", "main", "types", "typings"] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
