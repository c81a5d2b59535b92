import { useState } from 'react';
import type { Client, UserInfo } from '../../../preload/contract';
import type { Locale } from '../../ui/locale';
import { authText } from './authText';

/** Username + password → a session for this window (kept in memory, sent with every call). */
export function LoginDialog({ client, locale, onSignedIn, onClose }: { client: Client; locale: Locale; onSignedIn(user: UserInfo): void; onClose(): void }) {
  const t = authText(locale);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <div className="modal-backdrop" role="dialog" aria-modal="true" aria-label={t('login.title')}>
      <form
        className="modal login"
        data-testid="login-dialog"
        onSubmit={(e) => {
          e.preventDefault();
          setBusy(true);
          client
            .call('auth.login', { username: username.trim(), password })
            .then((r) => {
              client.setSession(r.token);
              onSignedIn(r.user);
            })
            .catch((err: unknown) => setError(`${t('login.failed')}: ${err instanceof Error ? err.message : String(err)}`))
            .finally(() => setBusy(false));
        }}
      >
        <h2>{t('login.title')}</h2>
        <label>
          {t('login.username')}
          <input data-testid="login-username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required autoFocus />
        </label>
        <label>
          {t('login.password')}
          <input data-testid="login-password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        </label>
        {error && (
          <p className="error" role="alert" data-testid="login-error">
            {error}
          </p>
        )}
        <div className="form-row">
          <button type="submit" className="primary" data-testid="login-submit" disabled={busy}>
            {t('login.submit')}
          </button>
          <button type="button" onClick={onClose}>
            {t('login.cancel')}
          </button>
        </div>
      </form>
    </div>
  );
}
