// `npm run db:seed`: loads the demo orders into the local order store.
import { openCliStore } from "../src/app/open-cli-store";
import { demoOrders } from "../src/local-workspace/demo-orders";

const store = openCliStore();
try {
  const orders = demoOrders(new Date());
  const { added, updated } = await store.upsertOrders(orders);
  process.stdout.write(`Demo orders: ${added} added, ${updated} updated (${orders.map((o) => o.orderId).join(", ")}).\n`);
} finally {
  await store.close();
}
