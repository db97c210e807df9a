import type pg from "pg";

/**
 * Hands back to the pool, as broken, a checked-out client whose connection ended. Prisma's pg
 * adapter can keep a client whose connection died in the middle of a transaction without ever
 * releasing it; once every client is lost that way the pool waits forever, and so does every
 * query of the process (a chaos run left a web process answering no click after a Postgres
 * outage). A release that comes later from the holder is then a no-op.
 */
export function releaseClientsWhoseConnectionEnds(pool: pg.Pool): void {
  const checkedOut = new Set<pg.PoolClient>();
  pool.on("acquire", (client) => checkedOut.add(client));
  pool.on("release", (_error, client) => checkedOut.delete(client));
  pool.on("remove", (client) => checkedOut.delete(client as pg.PoolClient));
  pool.on("connect", (client) => {
    client.on("end", () => {
      const held = client as pg.PoolClient;
      if (!checkedOut.delete(held)) return;
      held.release(new Error("the connection ended while the client was checked out"));
      held.release = () => undefined;
    });
  });
}
