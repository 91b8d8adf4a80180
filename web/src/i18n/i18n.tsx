import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { STRINGS, type Lang, type StringKey } from './strings.ts';

type I18n = {
  lang: Lang;
  setLang: (l: Lang) => void;
  t: (k: StringKey) => string;
  /** a {zh, en} label from the API in the chosen language */
  pick: (b: { zh: string; en: string } | null | undefined) => string;
};

const Ctx = createContext<I18n | null>(null);
const KEY = 'gridloop.lang';

function initialLang(): Lang {
  return localStorage.getItem(KEY) === 'en' ? 'en' : 'zh';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang: (l) => {
        localStorage.setItem(KEY, l);
        document.documentElement.lang = l === 'zh' ? 'zh-CN' : 'en';
        setLangState(l);
      },
      t: (k) => STRINGS[k][lang],
      pick: (b) => (b ? b[lang] : ''),
    }),
    [lang],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(Ctx);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}
