import { useEffect, useMemo, useState } from 'react';
import type { Client, RuleInfo, StationLiveInfo } from '../../../preload/contract';
import type { Locale } from '../../ui/locale';
import { severityColour } from '../../layers/floodStations/floodStationsStyle';
import { formatCst, monitoringText, type MonitoringTextKey } from './monitoringText';
import { StationChart } from './StationChart';
import { stationChartOption, type ChartPoint } from './stationChartOption';

const HOUR = 3_600_000;
type RangeKind = '24h' | '7d' | 'custom';

export interface StationPanelProps {
  client: Client;
  locale: Locale;
  station: StationLiveInfo;
  /** Changes when new data for the station's stream arrived. */
  version: number;
  onClose(): void;
  /** The host's time (a drill's exercise clock during a drill): the chart's window ends there. Default: wall time. */
  now?: () => number;
}

/** datetime-local value (UTC+8) ↔ epoch ms. */
const toLocalInput = (ts: number) => new Date(ts + 8 * HOUR).toISOString().slice(0, 16);
const fromLocalInput = (v: string) => Date.parse(`${v}:00+08:00`);

/** A station: live reading, trend, rate of rise, rainfall windows, a zoomable chart (24 h / 7 d / custom) and its rules. */
export function StationPanel({ client, locale, station: s, version, onClose, now = Date.now }: StationPanelProps) {
  const t = monitoringText(locale);
  const [range, setRange] = useState<RangeKind>('24h');
  const [custom, setCustom] = useState(() => ({ from: toLocalInput(now() - 48 * HOUR), to: toLocalInput(now()) }));
  const [applied, setApplied] = useState<{ from: number; to: number } | null>(null);
  const [points, setPoints] = useState<ChartPoint[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const window_ = useMemo(() => {
    const end = Math.max(now(), s.ts ?? 0);
    if (range === '24h') return { from: end - 24 * HOUR, to: end };
    if (range === '7d') return { from: end - 7 * 24 * HOUR, to: end };
    return applied ?? { from: end - 48 * HOUR, to: end };
  }, [range, applied, s.ts, version]);

  useEffect(() => {
    if (!s.streamId) {
      setPoints([]);
      return;
    }
    let live = true;
    // Rain: every increment (hourly bars need them all); stages: min/max buckets keep the peaks.
    const maxPoints = s.type === 'rain' ? 10_000 : 1200;
    client
      .call('series.query', { streamId: s.streamId, from: window_.from, to: window_.to, maxPoints })
      .then((r) => {
        if (!live) return;
        setPoints(r.points);
        setError(null);
      })
      .catch((err: unknown) => live && setError(err instanceof Error ? err.message : String(err)));
    return () => {
      live = false;
    };
  }, [client, s.streamId, s.type, window_]);

  const option = useMemo(
    () =>
      points
        ? stationChartOption(s, points, window_, {
            value: t('station.value'),
            hourly: locale === 'zh-CN' ? '时段雨量' : 'Hourly rain',
            total: t('station.rain'),
            floodLimit: t('station.floodLimit'),
            warning: t('station.warning'),
            guarantee: t('station.guarantee'),
          })
        : null,
    [points, s, window_, locale],
  );

  const typeLabel = s.type ? t(`type.${s.type}` as MonitoringTextKey) : '';
  return (
    <section className="panel station-panel" data-testid="station-panel" data-station={s.stationId} aria-label={s.name ?? s.stationId}>
      <header className="panel-head">
        <h2>
          {s.name ?? s.stationId} <small>{typeLabel}</small>
        </h2>
        {s.demo && <span className="badge demo">{t('station.demo')}</span>}
        {s.level && (
          <span className="sev-chip" style={{ background: severityColour[s.severity] }} data-testid="station-level">
            {s.level}
          </span>
        )}
        <button type="button" className="small" onClick={onClose} data-testid="station-close">
          {t('station.close')}
        </button>
      </header>
      <dl className="station-facts">
        <dt>{t('station.code')}</dt>
        <dd>{s.stationId}</dd>
        <dt>{t('station.value')}</dt>
        <dd className="big" data-testid="station-value">
          {s.value === null ? t('station.noData') : `${s.value.toFixed(2)} ${s.unit ?? ''}`}
          {s.trend && <span className={`trend ${s.trend}`}>{s.trend === 'rising' ? ' ↑' : s.trend === 'falling' ? ' ↓' : ' →'}</span>}
        </dd>
        <dt>{t('station.observed')}</dt>
        <dd data-testid="station-observed">{formatCst(s.ts)}</dd>
        {s.ratePerHour !== null && (
          <>
            <dt>{t('station.rate')}</dt>
            <dd>
              {s.ratePerHour >= 0 ? '+' : ''}
              {s.ratePerHour.toFixed(2)} {s.unit ?? 'm'}/h
            </dd>
          </>
        )}
        {s.type !== 'rain' && (
          <>
            <dt>{t('station.lines')}</dt>
            <dd>
              {[
                ['floodLimit', s.lines.floodLimit],
                ['warning', s.lines.warning],
                ['guarantee', s.lines.guarantee],
              ]
                .filter((l) => l[1] !== null)
                .map(([k, v]) => `${t(`station.${k as string}` as MonitoringTextKey)} ${(v as number).toFixed(2)}`)
                .join(' · ')}
            </dd>
          </>
        )}
      </dl>
      {s.rain && (
        <table className="rain-windows" data-testid="station-rain">
          <thead>
            <tr>
              {(['h1', 'h3', 'h6', 'h12', 'h24'] as const).map((k) => (
                <th key={k}>{k.slice(1)}h</th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr>
              {(['h1', 'h3', 'h6', 'h12', 'h24'] as const).map((k) => (
                <td key={k}>{s.rain![k].toFixed(1)}</td>
              ))}
            </tr>
          </tbody>
        </table>
      )}
      <div className="range-switch" role="group">
        {(['24h', '7d', 'custom'] as const).map((r) => (
          <button key={r} type="button" className={range === r ? 'active' : ''} data-testid={`range-${r}`} onClick={() => setRange(r)}>
            {t(r === '24h' ? 'station.range24h' : r === '7d' ? 'station.range7d' : 'station.rangeCustom')}
          </button>
        ))}
        {range === 'custom' && (
          <>
            <input type="datetime-local" value={custom.from} onChange={(e) => setCustom({ ...custom, from: e.target.value })} />
            <input type="datetime-local" value={custom.to} onChange={(e) => setCustom({ ...custom, to: e.target.value })} />
            <button
              type="button"
              onClick={() => {
                const from = fromLocalInput(custom.from);
                const to = fromLocalInput(custom.to);
                if (Number.isFinite(from) && Number.isFinite(to) && to > from) setApplied({ from, to });
                else setError(locale === 'zh-CN' ? '结束时间须晚于开始时间' : 'The end must be after the start');
              }}
            >
              {t('station.apply')}
            </button>
          </>
        )}
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {option && <StationChart option={option} testId="station-chart" />}
      <span hidden data-testid="station-chart-points">
        {points?.length ?? 0}
      </span>
      <RulesEditor client={client} locale={locale} stationId={s.stationId} />
    </section>
  );
}

/** The station's threshold rules: thresholds, hysteresis and enabled, saved through rules.upsert. */
function RulesEditor({ client, locale, stationId }: { client: Client; locale: Locale; stationId: string }) {
  const t = monitoringText(locale);
  const [rules, setRules] = useState<RuleInfo[]>([]);
  const [status, setStatus] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    client
      .call('rules.list', { stationId })
      .then((r) => live && setRules(r.rules))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [client, stationId]);
  const update = (i: number, patch: Partial<RuleInfo>) => setRules((rs) => rs.map((r, k) => (k === i ? { ...r, ...patch } : r)));
  return (
    <details className="rules-editor" data-testid="rules-editor">
      <summary>{t('station.rules')}</summary>
      {rules.map((r, i) => (
        <form
          key={r.id}
          className="rule-form"
          onSubmit={(e) => {
            e.preventDefault();
            client
              .call('rules.upsert', {
                id: r.id,
                streamId: r.streamId,
                stationId: r.stationId,
                kind: r.kind,
                direction: r.direction,
                levels: r.levels,
                hysteresis: r.hysteresis,
                windowMinutes: r.windowMinutes,
                enabled: r.enabled,
              })
              .then(() => setStatus(t('station.saved')))
              .catch((err: unknown) => setStatus(err instanceof Error ? err.message : String(err)));
          }}
        >
          <strong>{t(`kind.${r.kind}` as MonitoringTextKey)}</strong>
          {r.levels.map((l, k) => (
            <label key={l.name}>
              <span style={{ color: severityColour[l.severity] }}>{l.name}</span>
              <input
                type="number"
                step="0.01"
                value={l.threshold}
                onChange={(e) => update(i, { levels: r.levels.map((x, j) => (j === k ? { ...x, threshold: Number(e.target.value) } : x)) })}
              />
            </label>
          ))}
          <label>
            {t('station.hysteresis')}
            <input type="number" step="0.01" min="0" value={r.hysteresis} onChange={(e) => update(i, { hysteresis: Number(e.target.value) })} />
          </label>
          <label>
            <input type="checkbox" checked={r.enabled} onChange={(e) => update(i, { enabled: e.target.checked })} /> {t('station.enabled')}
          </label>
          <button type="submit">{t('station.save')}</button>
        </form>
      ))}
      {status && <p className="muted">{status}</p>}
    </details>
  );
}
