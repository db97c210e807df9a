// The languages are the domain's (settings name them too); presentation speaks them.
export { DEFAULT_LOCALE, LOCALES, isLocale, matchLocale, type Locale } from "../domain/locale";
