import type { JobQueue } from "./jobs";
import type { ProviderAssignment } from "./providers";
import type { ApproverDirectory, ExecutionLocks, Log, NoticeTemplates, OrderDirectory, UseCaseMetrics, UseCaseSettings } from "./runtime";
import type { Store } from "./store";

/**
 * Everything a use case may be given; each takes the part it needs (`Pick<UseCaseDeps, …>`). The
 * app builds one for the process (src/app/services.ts), the tests build theirs the same way.
 */
export interface UseCaseDeps {
  store: Store;
  queues: JobQueue;
  orders: OrderDirectory;
  approvers: ApproverDirectory;
  /** Which OrderSource and PaymentGateway serve what. */
  providers: ProviderAssignment;
  notices: NoticeTemplates;
  locks: ExecutionLocks;
  log: Log;
  metrics: UseCaseMetrics;
  config: UseCaseSettings;
  /** The shell's clock; the domain never reads one. */
  now: () => Date;
}
