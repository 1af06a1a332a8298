// One catalogue (locales/fr.json, locales/en.json) through i18next; French is the default.
// `t` reads the reactive language, so every string on screen follows a language switch.
import i18next from "i18next";
import fr from "../locales/fr.json";
import en from "../locales/en.json";
import type { Text } from "../bindings/Text";

export type Lang = "fr" | "en";

const state = $state({ lang: "fr" as Lang });

i18next.init({
  lng: "fr",
  fallbackLng: false,
  resources: { fr: { translation: fr }, en: { translation: en } },
  interpolation: { escapeValue: false },
  initAsync: false,
  returnNull: false,
  // No console message from the library in the app or its tests.
  showSupportNotice: false,
});

export function currentLang(): Lang {
  return state.lang;
}

export function setLang(lang: Lang): void {
  i18next.changeLanguage(lang);
  state.lang = lang;
  document.documentElement.lang = lang;
}

/** The catalogue's string for `key` in the current language. */
export function t(key: string, options?: Record<string, unknown>): string {
  return i18next.t(key, { lng: state.lang, ...options }) as string;
}

/** Whether the catalogue has `key`. */
export function has(key: string): boolean {
  return i18next.exists(key, { lng: state.lang });
}

/** A text that came from the questionnaire or the core, in the current language. */
export function tx(text: Text | null | undefined): string {
  if (!text) return "";
  return state.lang === "en" ? text.en : text.fr;
}

// One formatter per language and style, made once: `toLocaleString` builds a new one on every
// call, which in WebKit costs about a millisecond (the history's 50 rows took 50 ms).
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(lang: string, withTime: boolean): Intl.DateTimeFormat {
  const key = `${lang}/${withTime}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(
      lang === "en" ? "en-GB" : "fr-FR",
      withTime ? { dateStyle: "medium", timeStyle: "short" } : { dateStyle: "medium" },
    );
    dateFormats.set(key, format);
  }
  return format;
}

/** A number as people read it in the current language ("2,4" in French), with `digits` decimals. */
export function formatNumber(value: number, digits = 0): string {
  return new Intl.NumberFormat(state.lang === "fr" ? "fr-FR" : "en-GB", {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value);
}

/** A date (RFC 3339 or YYYY-MM-DD) as people read it in the current language. */
export function formatDate(value: string, withTime = false): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return dateFormat(state.lang, withTime).format(date);
}
