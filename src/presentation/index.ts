export { CATALOGS, type Catalog, type MessageKey } from "./catalog/index";
export { DEFAULT_LOCALE, LOCALES, isLocale, matchLocale, type Locale } from "./locales";
export { createWords, wordsFor, type MessageValues, type Words } from "./words";
