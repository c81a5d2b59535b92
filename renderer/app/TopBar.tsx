import { useEffect, useState } from 'react';
import type { UserInfo } from '../../preload/contract';
import { authText } from '../panels/auth/authText';
import { dashboardText } from '../panels/dashboard/dashboardText';
import { useI18n } from './i18n';

export function TopBar({
  mode,
  onImport,
  onView,
  user,
  layout,
  onLayout,
  onSignIn,
  onSignOut,
}: {
  mode: 'electron' | 'browser';
  onImport(): void;
  onView(preset: 'home' | 'tilt'): void;
  user: UserInfo | null;
  layout: 'wall' | 'operator' | 'analyst';
  onLayout(layout: 'wall' | 'operator' | 'analyst'): void;
  onSignIn(): void;
  onSignOut(): void;
}) {
  const { t, locale, setLocale } = useI18n();
  const a = authText(locale);
  const d = dashboardText(locale);
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
      <div className="layout-switch" role="group">
        {(['wall', 'operator', 'analyst'] as const).map((l) => (
          <button key={l} type="button" className={layout === l ? 'active' : ''} data-testid={`layout-${l}`} aria-pressed={layout === l} onClick={() => onLayout(l)}>
            {d(`layout.${l}`)}
          </button>
        ))}
      </div>
      <button type="button" data-testid="view-home" onClick={() => onView('home')}>
        {t('view.home')}
      </button>
      <button type="button" data-testid="view-tilt" onClick={() => onView('tilt')}>
        {t('view.tilt')}
      </button>
      <button type="button" data-testid="open-import" onClick={onImport}>
        {t('import.open')}
      </button>
      {user ? (
        <>
          <span className="user-badge" data-testid="current-user" data-role={user.role}>
            {user.displayName ?? user.username} · {a(`role.${user.role}`)}
          </span>
          <button type="button" data-testid="logout" onClick={onSignOut}>
            {a('login.logout')}
          </button>
        </>
      ) : (
        <button type="button" data-testid="login-open" onClick={onSignIn}>
          {a('login.open')}
        </button>
      )}
      <button type="button" data-testid="lang-switch" title={t('lang.switchTitle')} onClick={() => setLocale(locale === 'zh-CN' ? 'en' : 'zh-CN')}>
        {t('lang.switch')}
      </button>
    </header>
  );
}
