import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import type { Lang } from './plain.ts';
import { PORTAL_STRINGS, type PortalKey } from './strings.ts';

type PortalI18n = {
  lang: Lang;
  toggle: () => void;
  t: (k: PortalKey) => string;
  pick: (b: { zh: string; en: string } | null | undefined) => string;
};

const Ctx = createContext<PortalI18n | null>(null);
const KEY = 'gridloop.portal.lang';

/** zh-CN unless this phone chose English before. */
export function PortalLangProvider({ children }: { children: ReactNode }) {
  const [lang, setLang] = useState<Lang>(() => (localStorage.getItem(KEY) === 'en' ? 'en' : 'zh'));
  const value = useMemo<PortalI18n>(
    () => ({
      lang,
      toggle: () => {
        const next = lang === 'zh' ? 'en' : 'zh';
        localStorage.setItem(KEY, next);
        document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
        setLang(next);
      },
      t: (k) => PORTAL_STRINGS[k][lang],
      pick: (b) => (b ? b[lang] : ''),
    }),
    [lang],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function usePortalI18n(): PortalI18n {
  const v = useContext(Ctx);
  if (!v) throw new Error('usePortalI18n outside PortalLangProvider');
  return v;
}
