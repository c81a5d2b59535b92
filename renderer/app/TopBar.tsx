import { useEffect, useState } from 'react';
import { useI18n } from './i18n';

export function TopBar({ mode, onImport, onView }: { mode: 'electron' | 'browser'; onImport(): void; onView(preset: 'home' | 'tilt'): void }) {
  const { t, locale, setLocale } = useI18n();
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(timer);
  }, []);
  const clock = now.toLocaleString(locale === 'zh-CN' ? 'zh-CN' : 'en-GB', { hour12: false });
  return (
    <header className="topbar">
      <h1 data-testid="app-title">{t('app.title')}</h1>
      <span className="subtitle">{t('app.subtitle')}</span>
      <span className="spacer" />
      <span className="badge" data-testid="host-mode">{t(mode === 'electron' ? 'mode.electron' : 'mode.browser')}</span>
      <span className="clock">{clock}</span>
      <button type="button" data-testid="view-home" onClick={() => onView('home')}>
        {t('view.home')}
      </button>
      <button type="button" data-testid="view-tilt" onClick={() => onView('tilt')}>
        {t('view.tilt')}
      </button>
      <button type="button" data-testid="open-import" onClick={onImport}>
        {t('import.open')}
      </button>
      <button type="button" data-testid="lang-switch" title={t('lang.switchTitle')} onClick={() => setLocale(locale === 'zh-CN' ? 'en' : 'zh-CN')}>
        {t('lang.switch')}
      </button>
    </header>
  );
}
