export { CYBERBIZ_CANCEL_REASON, cyberbizCancelBody, type CyberbizCancelBody, type CyberbizCancelReason } from "./cancel-reasons";
export { CYBERBIZ_DEFAULT_URL, CYBERBIZ_RATE_LIMIT, cyberbizConfigFromEnv, type CyberbizConfig } from "../../config/providers/cyberbiz";
export { CyberbizOrderSource, type CyberbizOrderSourceDeps } from "./cyberbiz-order-source";
export { CYBERBIZ_FULFILLMENT_STATUS, CyberbizMappingError, cyberbizPaymentMethod, cyberbizStatus, toOrder as cyberbizToOrder } from "./order-mapping";
export { cyberbizOrderSchema, type CyberbizOrder } from "./schemas";
