import type { Order } from "../domain/order";
import type { ReportRow } from "../use-cases/requests-report";

/** What the CLI's commands read and write in the database, opened by a command and closed after it. */
export interface CliStore {
  upsertOrders(orders: readonly Order[]): Promise<{ added: number; updated: number }>;
  /** Requests filed in [from, to), with their approvals and when they reached a final state. */
  reportRows(from: Date, to: Date): Promise<ReportRow[]>;
  close(): Promise<void>;
}

/** Opens the store; throws a `CliError` when the database settings are wrong. The app's wiring gives it. */
export type OpenCliStore = () => CliStore;
