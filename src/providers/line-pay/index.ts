export { LINE_PAY_MIN_TIMEOUT_MS, LINE_PAY_PRODUCTION_URL, LINE_PAY_SANDBOX_URL, linePayConfigFromEnv, type LinePayConfig } from "../../config/providers/line-pay";
export { LinePayGateway, type LinePayGatewayDeps } from "./line-pay-gateway";
export { LINE_PAY_RETURN_CODES, linePayOutcome, type LinePayOutcome, type LinePayReturnCode } from "./return-codes";
export { linePayHeaders, signLinePayRequest, type LinePaySignatureInput } from "./signature";
