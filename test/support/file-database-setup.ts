import { afterAll, inject } from "vitest";
import { createFileDatabase, dropDatabase } from "./file-database";

// Runs before each test file of the projects that use Postgres: the file gets its own database.
const serverUrl = inject("postgresServerUrl");
const name = await createFileDatabase(serverUrl, inject("templateDatabase"));
// Registered first, so it runs after the file's own afterAll hooks have closed their connections.
afterAll(() => dropDatabase(serverUrl, name));
