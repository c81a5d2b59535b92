import { useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Client, DashboardSummaryInfo } from '../../../preload/contract';
import type { Locale } from '../../ui/locale';
import { severityColour } from '../../layers/floodStations/floodStationsStyle';
import { formatCst } from '../monitoring/monitoringText';
import { StationChart } from '../monitoring/StationChart';
import { dashboardText, isStale, type DashboardTextKey } from './dashboardText';

const HOUR = 3_600_000;
const severityName: Record<number, { zh: string; en: string }> = { 4: { zh: '红', en: 'Red' }, 3: { zh: '橙', en: 'Orange' }, 2: { zh: '黄', en: 'Yellow' }, 1: { zh: '蓝', en: 'Blue' } };

/**
 * The wall's KPI tiles (总体态势): alarms by severity, open incidents by state, stations and the level nearest its warning
 * line, rainfall with an hourly chart, cameras online, pipe-network findings. Refreshed every 30 s and whenever
 * `refreshKey` changes (new data or alarms); each tile shows when its data last arrived and turns visibly stale.
 */
export function KpiTiles({ client, locale, refreshKey }: { client: Client; locale: Locale; refreshKey: string }) {
  const t = dashboardText(locale);
  const [s, setS] = useState<DashboardSummaryInfo | null>(null);
  const [fetchedAt, setFetchedAt] = useState<number | null>(null);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    let live = true;
    const load = () =>
      client
        .call('dashboard.summary', {})
        .then((r) => {
          if (!live) return;
          setS(r);
          setFetchedAt(Date.now());
        })
        .catch(() => undefined);
    void load();
    const timer = window.setInterval(() => {
      setNow(Date.now());
      void load();
    }, 30_000);
    return () => {
      live = false;
      window.clearInterval(timer);
    };
  }, [client, refreshKey]);

  const meanLabel = t('chart.mean');
  const maxLabel = t('chart.max');
  const rainOption = useMemo(() => (s ? rainChartOption(s, meanLabel, maxLabel) : null), [s, meanLabel, maxLabel]);
  if (!s) return <div className="kpi-tiles" data-testid="kpi-tiles" />;
  const lost = isStale(fetchedAt, now, 2 * 60_000);
  const nw = s.stations.nearestWarning;
  return (
    <div className={`kpi-tiles ${lost ? 'stale' : ''}`} data-testid="kpi-tiles">
      <Tile id="alarms" title={t('kpi.alarms')} at={s.alarms.lastChange ?? s.at} stale={lost} t={t}>
        <div className="kpi-big" data-testid="kpi-alarms-total">
          {s.alarms.total}
        </div>
        <div className="kpi-chips">
          {[4, 3, 2, 1].map((v) => (
            <span key={v} className="sev-chip" style={{ background: severityColour[v] }}>
              {severityName[v]![locale === 'zh-CN' ? 'zh' : 'en']} {s.alarms.bySeverity[String(v)] ?? 0}
            </span>
          ))}
        </div>
        <div className="kpi-line">
          {t('kpi.unacked')} <strong className={s.alarms.unacknowledged > 0 ? 'hot' : ''}>{s.alarms.unacknowledged}</strong>
        </div>
      </Tile>
      <Tile id="incidents" title={t('kpi.incidents')} at={s.incidents.lastChange ?? s.at} stale={lost} t={t}>
        <div className="kpi-big" data-testid="kpi-incidents-open">
          {s.incidents.open}
        </div>
        <div className="kpi-line small">
          {(['reported', 'verified', 'dispatched', 'in_progress', 'resolved'] as const).map((k) => (
            <span key={k}>
              {t(`status.${k}` as DashboardTextKey)} {s.incidents.byStatus[k] ?? 0}
            </span>
          ))}
        </div>
      </Tile>
      <Tile id="stations" title={t('kpi.stations')} at={s.stations.lastReport} stale={lost || isStale(s.stations.lastReport, s.at, 2 * HOUR)} t={t}>
        <div className="kpi-big" data-testid="kpi-stations-reporting">
          {s.stations.reporting}
          <small>/{s.stations.total}</small>
        </div>
        <div className="kpi-line">{t('kpi.reporting')}</div>
        {nw && (
          <div className="kpi-line" data-testid="kpi-nearest">
            {nw.name} {nw.value.toFixed(2)}
            {nw.unit ?? 'm'} · {nw.margin < 0 ? t('kpi.aboveWarning') : t('kpi.belowWarning')} <strong className={nw.margin < 0 ? 'hot' : ''}>{Math.abs(nw.margin).toFixed(2)} m</strong>
          </div>
        )}
      </Tile>
      <Tile id="rain" title={t('kpi.rain')} at={s.rain.lastReport} stale={lost || isStale(s.rain.lastReport, s.at, 2 * HOUR)} t={t} wide>
        <div className="kpi-line">
          {t('kpi.max1h')} <strong data-testid="kpi-rain-1h">{s.rain.max1h.toFixed(1)}</strong> mm · {t('kpi.max24h')} <strong>{s.rain.max24h.toFixed(1)}</strong> mm ·{' '}
          {t('kpi.mean24h')} <strong>{s.rain.mean24h.toFixed(1)}</strong> mm
        </div>
        {rainOption && <StationChart option={rainOption} testId="kpi-rain-chart" />}
      </Tile>
      <Tile id="cameras" title={t('kpi.cameras')} at={s.at} stale={lost} t={t}>
        <div className="kpi-big" data-testid="kpi-cameras-pct">
          {s.cameras.onlinePct === null ? '—' : `${s.cameras.onlinePct.toFixed(1)}%`}
        </div>
        <div className="kpi-line">
          {s.cameras.online}/{s.cameras.total}
        </div>
      </Tile>
      <Tile id="drainage" title={t('kpi.drainage')} at={s.drainage.checkedAt} stale={lost} t={t}>
        <div className="kpi-big" data-testid="kpi-drainage-errors">
          {s.drainage.errors}
          <small> {t('kpi.errors')}</small>
        </div>
        <div className="kpi-line">
          {s.drainage.warnings} {t('kpi.warnings')} · {s.drainage.pipes.toLocaleString()}
        </div>
      </Tile>
    </div>
  );
}

function Tile({ id, title, at, stale, t, wide, children }: { id: string; title: string; at: number | null; stale: boolean; t: (k: DashboardTextKey) => string; wide?: boolean; children: ReactNode }) {
  return (
    <section className={`kpi-tile ${stale ? 'stale' : ''} ${wide ? 'wide' : ''}`} data-testid={`kpi-${id}`} data-stale={String(stale)}>
      <h3>{title}</h3>
      {children}
      <footer>
        {t('kpi.dataAt')} {at === null ? t('kpi.none') : formatCst(at)}
        {stale && <span className="stale-flag"> · {t('kpi.stale')}</span>}
      </footer>
    </section>
  );
}

function rainChartOption(s: DashboardSummaryInfo, mean: string, max: string): Record<string, unknown> {
  const text = { color: '#cfe3ff', fontSize: 12 };
  const label = (ts: number) => String(new Date(ts + 8 * HOUR).getUTCHours()).padStart(2, '0');
  return {
    backgroundColor: 'transparent',
    animation: false,
    grid: { left: 34, right: 8, top: 22, bottom: 22 },
    legend: { data: [mean, max], textStyle: text, top: 0, itemHeight: 8 },
    xAxis: { type: 'category', data: s.rain.hourly.map((h) => label(h.ts)), axisLabel: text, axisLine: { lineStyle: { color: '#5b7ba6' } } },
    yAxis: { type: 'value', name: 'mm', nameTextStyle: text, axisLabel: text, splitLine: { lineStyle: { color: '#1d3557' } } },
    series: [
      { name: mean, type: 'bar', data: s.rain.hourly.map((h) => h.mean), itemStyle: { color: '#4dabff' } },
      { name: max, type: 'line', showSymbol: false, data: s.rain.hourly.map((h) => h.max), lineStyle: { color: '#7ee081', width: 2 } },
    ],
  };
}
