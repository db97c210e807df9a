import { SYSTEM } from "../domain/actor";
import { AUDIT_DETAIL } from "../domain/audit-actions";
import { TemplateError } from "../domain/customer-notice";
import { decisionSchema } from "../domain/decision";
import { PlanError, planExecution, refundParamsSchema } from "../domain/execution-plan";
import { MANUAL_WHY } from "../domain/manual-why";
import { orderSchema } from "../domain/order";
import type { RequestState } from "../domain/request-state";
import { afterTransition } from "./after-transition";
import { afterEffectChange, OWN, runEffect, type Context } from "./carry-out-effect";
import { engineRequestOf, RequestNotFoundError } from "./evaluate-request";
import { AmbiguousProviderError, isProviderError } from "./ports/providers";
import type { ExecutionLock } from "./ports/runtime";
import type { EffectRow } from "./ports/store";
import type { UseCaseDeps } from "./ports/use-case-deps";

export type ExecutionDeps = Pick<UseCaseDeps, "store" | "queues" | "providers" | "log" | "metrics" | "notices" | "locks">;

export interface ExecutionOptions {
  /** The job's last attempt: a transient failure now fails the request instead of being retried. */
  finalAttempt: boolean;
}

export type ExecutionResult =
  /** Another worker holds the request's lock: it is executing it. */
  | "busy"
  /** Not approved nor executing (done, failed, manual, or never approved): nothing to do. */
  | "not_executable"
  | "completed"
  | "manual_pending"
  | "failed";


/**
 * Carries out an approved request at the providers, exactly once whatever fails:
 *
 * 1. Takes the request's execution lock (a Postgres advisory lock, see RequestLock): two workers
 *    never execute one request at once; a second one returns `busy`.
 * 2. approved → executing (`execution_started`), guarded, so a stale or duplicated job does nothing.
 * 3. Stores the plan (src/domain/execution-plan.ts) in the effects ledger, once.
 * 4. Runs each effect not yet done, in order: record started → call the provider → record done with
 *    the provider's reference (`effect_done`). An effect found `started` (a crash or an ambiguous
 *    answer) is reconciled first: a refund is looked for in the payment's refunds at the gateway
 *    (new since the first call, not another request's, same amount); a cancel reads the order.
 * 5. completed, or manual_pending (`manual_task_created`) when the refund went to a person (C7).
 *
 * A permanent provider error stops: `effect_failed` + `execution_failed`, request → failed (an
 * approver may retry); LINE Pay's 1163 hands the refund to a person instead. A transient one
 * throws, and the job is retried with backoff; on the job's final attempt the request → failed.
 */
export async function executeRequest(deps: ExecutionDeps, requestId: number, options: ExecutionOptions): Promise<ExecutionResult> {
  const lock = await deps.locks.tryAcquire(requestId);
  if (!lock) {
    deps.log.info({ requestId }, "execution: another worker is executing this request");
    return "busy";
  }
  try {
    return await execute(deps, lock, requestId, options);
  } finally {
    await lock.release();
  }
}

async function execute(deps: ExecutionDeps, lock: ExecutionLock, requestId: number, options: ExecutionOptions): Promise<ExecutionResult> {
  const { store } = deps;
  const row = await store.getRequest(requestId);
  if (!row) throw new RequestNotFoundError(`request ${requestId} does not exist`);
  if (row.state !== "approved" && row.state !== "executing") return "not_executable";

  const attempt = (await store.countAudit(requestId, "execution_started")) + 1;
  const started = await store.transitionRequest({
    requestId,
    from: ["approved", "executing"],
    to: "executing",
    action: "execution_started",
    actor: SYSTEM,
    detail: AUDIT_DETAIL.execution_started.parse({ attempt }),
  });
  if (!started.moved) return "not_executable";
  await afterTransition(deps, { requestId, to: "executing", version: started.version });
  const log = deps.log.child({ requestId, run: attempt });

  let context: Context;
  try {
    context = {
      deps,
      row,
      request: engineRequestOf(row),
      decision: decisionSchema.parse(row.decision),
      order: orderSchema.parse(row.orderSnapshot),
      log,
    };
    const plan = planExecution({ request: context.request, decision: context.decision, order: context.order, providers: deps.providers.assignment(context.order) });
    await store.ensureEffects(requestId, plan);
  } catch (error) {
    const code = error instanceof PlanError ? "not_executable" : "invalid_request";
    return stopExecution(deps, requestId, { effect: "plan", provider: OWN, code, message: error instanceof Error ? error.message : String(error) });
  }

  for (const effect of await store.listEffects(requestId)) {
    if (effect.status === "done" || effect.status === "manual") continue;
    if (lock.lost) throw new Error(`execution lock lost (${lock.lost}): stopping before ${effect.kind}`);
    const call = { made: false };
    try {
      await runEffect(context, effect, call);
    } catch (error) {
      const outcome = await onEffectError(context, effect, error, call.made, options);
      if (outcome === "continue") continue;
      return outcome;
    }
  }
  return finishExecution(context);
}

async function finishExecution(context: Context): Promise<ExecutionResult> {
  const { deps, row } = context;
  const effects = await deps.store.listEffects(row.id);
  const manual = effects.find((effect) => effect.kind === "refund" && effect.status === "manual");
  if (manual) {
    const params = refundParamsSchema.safeParse(manual.params);
    const detail = AUDIT_DETAIL.manual_task_created.parse({
      amount: params.success ? params.data.amount : context.decision.refundAmount,
      currency: context.order.currency,
      // C7: the seller pays the transfer fee of a refund made by other means.
      feeBearer: "seller",
      why: manual.errorCode === "1163" ? MANUAL_WHY.line_pay_1163 : MANUAL_WHY.decided,
    });
    return move(deps, row.id, "manual_pending", "manual_task_created", detail, "manual_pending");
  }
  const undone = effects.filter((effect) => effect.status !== "done");
  if (undone.length > 0) throw new Error(`effects not done after a full run: ${undone.map((e) => `${e.kind}=${e.status}`).join(", ")}`);
  return move(deps, row.id, "completed", "completed", { effects: effects.map((effect) => effect.kind) }, "completed");
}

async function move(deps: ExecutionDeps, requestId: number, to: RequestState, action: string, detail: Record<string, unknown>, result: ExecutionResult): Promise<ExecutionResult> {
  const moved = await deps.store.transitionRequest({ requestId, from: ["executing"], to, action, actor: SYSTEM, detail });
  if (!moved.moved) return "not_executable";
  await afterTransition(deps, { requestId, to, version: moved.version });
  deps.log.info({ requestId, state: to }, "execution finished");
  return result;
}

interface Failure {
  effect: string;
  provider: string;
  code: string;
  message: string;
}

/** executing → failed with the provider's code and message (Q13): the request's message shows them and a Retry button. */
function stopExecution(deps: ExecutionDeps, requestId: number, failure: Failure): Promise<ExecutionResult> {
  deps.log.warn({ requestId, effect: failure.effect, provider: failure.provider, code: failure.code }, "execution stopped");
  return move(deps, requestId, "failed", "execution_failed", AUDIT_DETAIL.execution_failed.parse({ ...failure, message: failure.message.slice(0, 1000) }), "failed");
}

async function onEffectError(context: Context, effect: EffectRow, error: unknown, called: boolean, options: ExecutionOptions): Promise<"continue" | ExecutionResult> {
  const { deps, log } = context;
  const permanent = (isProviderError(error) && error.kind === "permanent") || error instanceof TemplateError;
  const provider = isProviderError(error) ? error.provider : effect.provider;
  const code = isProviderError(error) ? error.code : error instanceof TemplateError ? "template_error" : "internal_error";
  const message = error instanceof Error ? error.message : String(error);
  const failure = { effectId: effect.id, kind: effect.kind, provider, code, message };

  if (permanent) {
    if (effect.kind === "refund" && provider === "line_pay" && code === "1163") {
      // C7: LINE Pay can no longer refund online; a person refunds by other means, the seller pays the fee.
      await afterEffectChange(context, await deps.store.failEffect({ ...failure, permanent: true, status: "manual" }));
      log.info({ effect: effect.kind, code }, "refund handed to a person (C7)");
      return "continue";
    }
    const changed = await deps.store.failEffect({ ...failure, permanent: true, status: "failed" });
    if (changed && effect.kind === "refund") deps.metrics.refundsFailed.inc({ provider });
    await afterEffectChange(context, changed);
    return stopExecution(deps, effect.requestId, { effect: effect.kind, provider, code, message });
  }

  log.warn({ effect: effect.kind, provider, code, finalAttempt: options.finalAttempt, ...(isProviderError(error) ? {} : { err: error }) }, "effect failed, transient");
  const current = (await deps.store.effectStatus(effect.id)) ?? effect.status;
  // After a timeout or an ambiguous answer the effect may have happened: it stays started, and the
  // next run reconciles before any call. An answer that proves nothing happened makes it pending.
  const mayHaveHappened = current === "started" && (error instanceof AmbiguousProviderError || !called || !isProviderError(error));
  if (options.finalAttempt) {
    const changed = await deps.store.failEffect({ ...failure, permanent: false, status: mayHaveHappened ? "started" : "failed" });
    if (changed && effect.kind === "refund") deps.metrics.refundsFailed.inc({ provider });
    await afterEffectChange(context, changed);
    return stopExecution(deps, effect.requestId, { effect: effect.kind, provider, code, message: `${message} (still failing after the last retry)` });
  }
  // Only a provider's answer changes the ledger; our own errors (a database hiccup) leave it as it is.
  if (isProviderError(error)) await afterEffectChange(context, await deps.store.failEffect({ ...failure, permanent: false, status: mayHaveHappened ? "started" : "pending" }));
  throw error;
}
