export { QOO10_CANCEL_REASON, type Qoo10CancelReason } from "./cancel-reasons";
export { QOO10_DEFAULT_URL, qoo10ConfigFromEnv, type Qoo10Config } from "../../config/providers/qoo10";
export {
  QOO10_NATION_LOCALE,
  QOO10_SHIPPING_STATUS,
  QOO10_TERMINAL_CLAIMS,
  Qoo10MappingError,
  qoo10PaymentMethod,
  qoo10Status,
  qoo10StatusCode,
  toOrder as qoo10ToOrder,
} from "./order-mapping";
export { QapiClient, QOO10_PROVIDER, type QapiClientDeps } from "./qapi-client";
export { QAPI_METHODS, QAPI_PATH, QOO10_BUYER_MESSAGE } from "./qapi-methods";
export { Qoo10OrderSource, type Qoo10Claim, type Qoo10ClaimKind, type Qoo10ClaimQuery, type Qoo10OrderSourceDeps } from "./qoo10-order-source";
export { isQoo10AuthFailure, QOO10_RESULT_CODES } from "./result-codes";
export { qoo10OrderRowSchema, type Qoo10OrderRow } from "./schemas";
