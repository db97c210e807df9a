export { LocalOrderSource, LocalPaymentGateway, LOCAL_PROVIDER } from "./local-provider";
