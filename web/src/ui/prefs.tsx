// The visitor's preferences: language (中文 first, English available) and elderly mode (长者模式).
// Both persist in localStorage and apply to <html> (lang attribute, `elderly` class).
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { translate, type Lang, type MessageKey } from './i18n.ts';

const LANG_KEY = 'yj.lang';
const ELDERLY_KEY = 'yj.elderly';

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null; // storage blocked (private mode): preferences last for this page only
  }
}

function write(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    /* see read() */
  }
}

export function storedLang(): Lang {
  return read(LANG_KEY) === 'en' ? 'en' : 'zh';
}

export function storedElderly(): boolean {
  return read(ELDERLY_KEY) === 'on';
}

/** Applied before the first render too, so a reload never flashes the other mode. */
export function applyToDocument(lang: Lang, elderly: boolean): void {
  const html = document.documentElement;
  html.lang = lang === 'zh' ? 'zh-CN' : 'en';
  html.classList.toggle('elderly', elderly);
}

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

interface Prefs {
  lang: Lang;
  setLang: (lang: Lang) => void;
  elderly: boolean;
  setElderly: (on: boolean) => void;
  t: Translate;
  /** the catalog's bilingual content: Chinese or English text */
  pick: (zh: string, en: string | undefined) => string;
}

const PrefsContext = createContext<Prefs | null>(null);

export function PrefsProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(storedLang);
  const [elderly, setElderlyState] = useState<boolean>(storedElderly);

  useEffect(() => applyToDocument(lang, elderly), [lang, elderly]);

  const setLang = useCallback((l: Lang) => {
    write(LANG_KEY, l);
    setLangState(l);
  }, []);
  const setElderly = useCallback((on: boolean) => {
    write(ELDERLY_KEY, on ? 'on' : 'off');
    setElderlyState(on);
  }, []);

  const value = useMemo<Prefs>(
    () => ({
      lang,
      setLang,
      elderly,
      setElderly,
      t: (key, vars) => translate(lang, key, vars),
      pick: (zh, en) => (lang === 'en' && en ? en : zh),
    }),
    [lang, elderly, setLang, setElderly],
  );
  return <PrefsContext.Provider value={value}>{children}</PrefsContext.Provider>;
}

export function usePrefs(): Prefs {
  const p = useContext(PrefsContext);
  if (!p) throw new Error('usePrefs outside <PrefsProvider>');
  return p;
}
