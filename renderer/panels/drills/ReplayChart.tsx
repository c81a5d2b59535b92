import { useEffect, useMemo, useState } from 'react';
import type { Client, MethodOutput, StationLiveInfo } from '../../../preload/contract';
import type { Locale } from '../../ui/locale';
import { monitoringText } from '../monitoring/monitoringText';
import { StationChart } from '../monitoring/StationChart';
import { errorText } from './drillPermissions';
import { drillText } from './drillText';
import { offsetWithSeconds } from './drillTime';
import { bareStation, replayChartOption } from './replayChartOption';

export interface StreamChoice {
  streamId: string;
  stationId: string | null;
  label: string;
}

/** The streams a replay can chart: the live list's stations (by their stream) and any other stream recorded in the run. */
export function streamChoices(base: readonly StationLiveInfo[], recorded: readonly { streamId: string; stationId: string | null }[]): StreamChoice[] {
  const out = new Map<string, StreamChoice>();
  const name = (stationId: string | null) => base.find((b) => b.stationId === stationId)?.name ?? stationId;
  for (const r of recorded) out.set(r.streamId, { streamId: r.streamId, stationId: r.stationId, label: `${name(r.stationId) ?? r.streamId} · ${r.streamId.split(':').pop()}` });
  for (const b of base) if (b.streamId && !out.has(b.streamId)) out.set(b.streamId, { streamId: b.streamId, stationId: b.stationId, label: `${b.name ?? b.stationId} · ${b.element ?? ''}` });
  return [...out.values()].sort((a, b) => a.label.localeCompare(b.label, 'zh-CN'));
}

/**
 * A station's recorded series in the run (drill.replaySeries) with the replay cursor as a vertical line; the station
 * is chosen from the run's streams. data-cursor on the frame is the cursor the chart was drawn with.
 */
export function ReplayChart({ client, runId, locale, base, choices, streamId, span, t0, at, onStream }: { client: Client; runId: string; locale: Locale; base: readonly StationLiveInfo[]; choices: StreamChoice[]; streamId: string | null; span: { from: number; to: number }; t0: number; at: number; onStream(streamId: string): void }) {
  const t = drillText(locale);
  const [series, setSeries] = useState<MethodOutput<'drill.replaySeries'> | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setSeries(null);
    if (!streamId) return;
    let alive = true;
    client.call('drill.replaySeries', { runId, streamId }).then(
      (r) => {
        if (!alive) return;
        setSeries(r);
        setError(null);
      },
      (err: unknown) => alive && setError(errorText(err)),
    );
    return () => {
      alive = false;
    };
  }, [client, runId, streamId]);

  const station = useMemo(() => {
    if (!streamId) return null;
    const choice = choices.find((c) => c.streamId === streamId);
    return base.find((b) => b.streamId === streamId) ?? bareStation(streamId, choice?.stationId ?? null, series?.name ?? null, series?.unit ?? null);
  }, [base, choices, streamId, series]);
  const labels = useMemo(() => {
    const m = monitoringText(locale);
    return {
      value: m('station.value'),
      hourly: locale === 'zh-CN' ? '时段雨量' : 'Hourly rain',
      total: m('station.rain'),
      floodLimit: m('station.floodLimit'),
      warning: m('station.warning'),
      guarantee: m('station.guarantee'),
    };
  }, [locale]);
  const option = useMemo(
    () => (station && series && series.points.length > 0 ? replayChartOption(station, series.points, span, at, { ...labels, cursor: offsetWithSeconds(at - t0) }) : null),
    [station, series, span, at, labels, t0],
  );

  return (
    <div className="drill-section" data-testid="drill-replay-chart" data-cursor={at} data-stream={streamId ?? ''} data-points={series?.points.length ?? 0}>
      <h3>
        {t('replay.chart')} <small>{t('replay.chartEn')}</small>
      </h3>
      <label className="inline">
        {t('replay.station')}
        <select data-testid="drill-replay-station" value={streamId ?? ''} onChange={(e) => e.target.value && onStream(e.target.value)}>
          {!streamId && <option value="">—</option>}
          {choices.map((c) => (
            <option key={c.streamId} value={c.streamId}>
              {c.label}
            </option>
          ))}
        </select>
      </label>
      {error && <p className="error">{error}</p>}
      {streamId && !series && !error && <p className="muted">{t('replay.loading')}</p>}
      {series && series.points.length === 0 && <p className="muted">{t('replay.noSeries')}</p>}
      {option && <StationChart option={option} testId="drill-replay-chart-canvas" />}
    </div>
  );
}
