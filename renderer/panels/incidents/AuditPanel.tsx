import { useCallback, useEffect, useState } from 'react';
import { roleLabels, type AuditEntry, type AuditVerifyResult, type Client, type Role, type UserInfo } from '../../../preload/contract';
import { pick, type Locale } from '../../ui/locale';
import { GuardedButton } from './GuardedButton';
import { denyReason } from './incidentPermissions';
import { formatUtc8, incidentsText } from './incidentsText';

const PAGE = 500;

/** 审计日志 (commander, admin): the hash-chained log page by page, and 校验 (audit.verify) with the first broken record. */
export function AuditPanel({ client, locale, user, onClose }: { client: Client; locale: Locale; user: UserInfo | null; onClose(): void }) {
  const t = incidentsText(locale);
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [more, setMore] = useState(false);
  const [verify, setVerify] = useState<AuditVerifyResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const listDenied = denyReason('audit.list', user);
  const verifyDenied = denyReason('audit.verify', user);

  const load = useCallback(
    (afterSeq: number) =>
      client.call('audit.list', { afterSeq, limit: PAGE }).then(
        (r) => {
          setEntries((prev) => (afterSeq === 0 ? r.entries : [...prev, ...r.entries]));
          setMore(r.entries.length === PAGE);
          setError(null);
        },
        (err: unknown) => setError(err instanceof Error ? err.message : String(err)),
      ),
    [client],
  );
  useEffect(() => {
    if (listDenied === null) void load(0);
    else setEntries([]);
  }, [load, listDenied]);

  const role = (r: string) => (r in roleLabels ? pick(roleLabels[r as Role], locale) : r);
  return (
    <section className="panel audit-panel" data-testid="audit-panel" aria-label={t('audit.title')}>
      <header className="panel-head">
        <h2>
          {t('audit.title')} <small>{t('audit.titleEn')}</small>
        </h2>
        <GuardedButton className="small" denied={listDenied} onClick={() => void load(0)}>
          {t('audit.reload')}
        </GuardedButton>
        <GuardedButton
          className="primary small"
          data-testid="audit-verify"
          denied={verifyDenied}
          onClick={() =>
            void client.call('audit.verify', {}).then(
              (r) => {
                setVerify(r);
                setError(null);
              },
              (err: unknown) => setError(err instanceof Error ? err.message : String(err)),
            )
          }
        >
          {t('audit.verify')}
        </GuardedButton>
        <button type="button" className="small" data-testid="audit-close" onClick={onClose}>
          {t('tool.close')}
        </button>
      </header>
      {listDenied && <p className="error">{listDenied}</p>}
      {verify && (
        <p className={verify.ok ? 'audit-ok' : 'error'} data-testid="audit-verify-result" data-ok={String(verify.ok)} role="status">
          {verify.ok
            ? `✓ ${t('audit.ok')} · ${verify.checked} ${t('audit.checked')}${verify.head ? ` · ${t('audit.head')} #${verify.head.seq} ${verify.head.hash.slice(0, 12)}` : ''}`
            : `✗ ${t('audit.broken')} #${verify.firstBroken?.seq ?? '?'}: ${verify.firstBroken?.reason ?? ''} (${verify.checked} ${t('audit.checked')})`}
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {listDenied === null && entries.length === 0 && !error && <p className="muted">{t('audit.none')}</p>}
      {entries.length > 0 && (
        <div className="audit-scroll">
          <table className="grid" data-testid="audit-table">
            <thead>
              <tr>
                <th>{t('audit.seq')}</th>
                <th>{t('audit.time')}</th>
                <th>{t('audit.user')}</th>
                <th>{t('audit.role')}</th>
                <th>{t('audit.action')}</th>
                <th>{t('audit.target')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.seq} data-testid={`audit-row-${e.seq}`} className={verify?.firstBroken?.seq === e.seq ? 'broken' : ''}>
                  <td>{e.seq}</td>
                  <td>{formatUtc8(e.at)}</td>
                  <td>{e.user}</td>
                  <td>{role(e.role)}</td>
                  <td>
                    <code>{e.action}</code>
                  </td>
                  <td>{e.target ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {more && (
        <button type="button" className="small" onClick={() => void load(entries.at(-1)?.seq ?? 0)}>
          {t('audit.more')}
        </button>
      )}
    </section>
  );
}
