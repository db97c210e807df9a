// `npm run db:seed`: loads the demo orders into the local order store.
import { cliDb } from "../src/cli/cli-database";
import { upsertOrders } from "../src/db/orders";
import { demoOrders } from "../src/local-workspace/demo-orders";

const db = cliDb();
try {
  const orders = demoOrders(new Date());
  const { added, updated } = await upsertOrders(db, orders);
  process.stdout.write(`Demo orders: ${added} added, ${updated} updated (${orders.map((o) => o.orderId).join(", ")}).\n`);
} finally {
  await db.$disconnect();
}
