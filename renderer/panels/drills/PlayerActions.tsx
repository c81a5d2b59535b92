import { useState } from 'react';
import type { Client, TopicPayload, UserInfo } from '../../../preload/contract';
import type { Locale } from '../../ui/locale';
import { can, errorText } from './drillPermissions';
import { drillText, type DrillTextKey } from './drillText';
import { formatUtc8Time, offsetWithSeconds } from './drillTime';

export type InjectedMessage = TopicPayload<'drill.injected'>;
const ratings = ['P', 'S', 'M', 'U'] as const;

/**
 * What everyone in a drill may do besides the real work: the duty team logs 已首报 (the first report upward, which
 * has no method of its own); evaluators (评估人员) record observations (评估记录) rated P/S/M/U, tied to an inject. The
 * injects that reached the players (phone calls, field reports) are listed — never with controller notes.
 */
export function PlayerActions({ client, locale, user, t0, injects, messages }: { client: Client; locale: Locale; user: UserInfo | null; t0: number; injects: { id: string; synopsis: string }[]; messages: InjectedMessage[] }) {
  const t = drillText(locale);
  const mayNote = can('drill.note', user);
  const mayReport = can('drill.logAction', user);
  const [text, setText] = useState('');
  const [rating, setRating] = useState<'' | (typeof ratings)[number]>('');
  const [injectId, setInjectId] = useState('');
  const [saved, setSaved] = useState<number | null>(null);
  const [reportText, setReportText] = useState(() => t('report.default'));
  const [reported, setReported] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = (p: Promise<unknown>) => {
    setBusy(true);
    setError(null);
    p.catch((err: unknown) => setError(errorText(err))).finally(() => setBusy(false));
  };

  return (
    <>
      {messages.length > 0 && (
        <div className="drill-section" data-testid="drill-messages">
          <h3>
            {t('messages.title')} <small>{t('messages.titleEn')}</small>
          </h3>
          <ol className="drill-messages">
            {[...messages].reverse().map((m) => (
              <li key={`${m.injectId}:${m.at}`} data-testid={`drill-message-${m.injectId}`} data-kind={m.kind}>
                <span className="tl-time">
                  {offsetWithSeconds(m.at - t0)} · {formatUtc8Time(m.at)}
                </span>
                <strong>{t(`kind.${m.kind}` as DrillTextKey)}</strong> {m.synopsis}
                {m.message && <div className="drill-message-text">{m.message}</div>}
              </li>
            ))}
          </ol>
        </div>
      )}
      {mayReport && (
        <div className="drill-section drill-report" data-testid="drill-report">
          <h3>{t('report.title')}</h3>
          <div className="drill-row">
            <input className="grow" data-testid="drill-report-text" aria-label={t('report.text')} value={reportText} maxLength={2000} onChange={(e) => setReportText(e.target.value)} />
            <button
              type="button"
              className="primary"
              data-testid="drill-report-sent"
              disabled={busy || reportText.trim().length === 0}
              onClick={() => run(client.call('drill.logAction', { kind: 'report.sent', text: reportText.trim() }).then((r) => setReported(r.seq)))}
            >
              {t('report.sent')}
            </button>
            {reported !== null && (
              <span className="drill-ok" data-testid="drill-report-done" data-seq={reported}>
                ✓ {t('report.done')}
              </span>
            )}
          </div>
        </div>
      )}
      {mayNote && (
        <form
          className="drill-section drill-note"
          data-testid="drill-note-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (!text.trim()) return;
            run(
              client.call('drill.note', { text: text.trim(), ...(rating ? { rating } : {}), ...(injectId ? { injectId } : {}) }).then((r) => {
                setSaved(r.seq);
                setText('');
              }),
            );
          }}
        >
          <h3>
            {t('note.title')} <small>{t('note.titleEn')}</small>
          </h3>
          <textarea rows={3} data-testid="drill-note-text" aria-label={t('note.text')} placeholder={t('note.text')} value={text} maxLength={4000} onChange={(e) => (setText(e.target.value), setSaved(null))} />
          <div className="drill-row">
            <label className="inline">
              {t('note.rating')}
              <select data-testid="drill-note-rating" value={rating} onChange={(e) => setRating(e.target.value as typeof rating)}>
                <option value="">{t('note.noRating')}</option>
                {ratings.map((r) => (
                  <option key={r} value={r}>
                    {t(`rating.${r}`)}
                  </option>
                ))}
              </select>
            </label>
            <label className="inline">
              {t('note.inject')}
              <select data-testid="drill-note-inject" value={injectId} onChange={(e) => setInjectId(e.target.value)}>
                <option value="">{t('note.noInject')}</option>
                {injects.map((i) => (
                  <option key={i.id} value={i.id}>
                    {i.id} · {i.synopsis.slice(0, 40)}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit" className="primary" data-testid="drill-note-submit" disabled={busy || !text.trim()}>
              {t('note.submit')}
            </button>
            {saved !== null && (
              <span className="drill-ok" data-testid="drill-note-saved" data-seq={saved}>
                ✓ {t('note.saved')} #{saved}
              </span>
            )}
          </div>
        </form>
      )}
      {error && (
        <p className="error" role="alert">
          {t('common.error')} · {error}
        </p>
      )}
    </>
  );
}
