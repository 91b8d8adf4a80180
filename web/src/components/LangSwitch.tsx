import { Button } from 'antd';
import { useI18n } from '../i18n/i18n.tsx';

export function LangSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <Button size="small" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')} id="lang-switch">
      {t('language')}
    </Button>
  );
}
