export { CATALOGS, type Catalog, type MessageKey } from "./catalog/index";
export { DEFAULT_LOCALE, LOCALES, isLocale, matchLocale, type Locale } from "./locales";
export { createWords, wordsFor, type MessageValues, type Words } from "./words";
export { codeKey } from "./message-keys";
export { explainDecision } from "./explain-decision";
export { feeBearerLabel, initiatorLabel, kindLabel, outcomeLabel, paymentMethodLabel, platformLabel, reasonLabel, routeLabel, statusLabel, type OrderStatus } from "./labels";
export { describeDecision, policySummary, ruleSummary } from "./rules";
