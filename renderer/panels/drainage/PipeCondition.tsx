import { useEffect, useRef, type ReactNode } from 'react';
import type { MethodOutput } from '../../../preload/contract';
import { gradeColour } from '../../layers/drainagePipes/drainagePipesStyle';
import type { Locale } from '../../ui/locale';
import { pick } from '../../ui/locale';
import { drainageText } from './drainageText';

type Condition = MethodOutput<'drainage.condition'>;

export interface PipeConditionProps {
  condition: Condition;
  locale: Locale;
  /** The defect shown (highlighted in the strip and the table). */
  selectedDefectId?: number | null;
  /** A defect row or strip mark was clicked. */
  onSelectDefect?(id: number): void;
  /** Shown beside the defect table (the selected defect's photo). */
  aside?: ReactNode;
}

/**
 * CJJ 181 condition of a pipe: F / G with grades, RI / MI with grades, and its defects as marks along the pipe and as
 * a table; clicking either selects a defect, shown beside the table (`aside`).
 */
export function PipeCondition({ condition: c, locale, selectedDefectId = null, onSelectDefect, aside }: PipeConditionProps) {
  const t = drainageText(locale);
  // A defect chosen on the map: bring its row (and the photo beside it) into view in the scrolling panel.
  const table = useRef<HTMLTableElement>(null);
  useEffect(() => {
    if (selectedDefectId === null) return;
    table.current?.querySelector(`tr[data-defect-id="${selectedDefectId}"]`)?.scrollIntoView?.({ block: 'nearest' });
  }, [selectedDefectId]);
  const length = c.lengthM ?? Math.max(1, ...c.defects.map((d) => d.distanceM + (d.lengthM ?? 0)));
  const idx = (label: string, value: number, grade: string, gradeLabel: string, extra?: string) => (
    <>
      <dt>{label}</dt>
      <dd>
        <b>{value.toFixed(2)}</b> <span className="grade-chip" style={{ background: gradeColour[grade as 'I'] }}>{grade}</span> {gradeLabel}
        {extra && <small className="muted"> {extra}</small>}
      </dd>
    </>
  );
  return (
    <section className="drainage-section" data-testid="pipe-condition">
      <h3>{t('condition.title')}</h3>
      <dl className="drainage-facts">
        {idx(t('condition.F'), c.structural.value, c.structural.grade, pick(c.structural.gradeLabel, locale), `S=${c.structural.mean.toFixed(2)} S_M=${c.structural.max.toFixed(2)}`)}
        {idx(t('condition.RI'), c.repair.RI, c.repair.grade, pick(c.repair.label, locale))}
        {idx(t('condition.G'), c.functional.value, c.functional.grade, pick(c.functional.gradeLabel, locale), `Y=${c.functional.mean.toFixed(2)} Y_M=${c.functional.max.toFixed(2)}`)}
        {idx(t('condition.MI'), c.maintenance.MI, c.maintenance.grade, pick(c.maintenance.label, locale))}
      </dl>
      {c.defects.length === 0 ? (
        <p className="muted">{t('condition.none')}</p>
      ) : (
        <>
          <svg className="defect-strip" viewBox="0 0 1000 60" preserveAspectRatio="none" role="img" aria-label={t('condition.defects')} data-testid="defect-strip">
            <rect x="0" y="24" width="1000" height="12" rx="6" fill="#35506b" />
            {/* The selected defect last, so its outline is drawn over its neighbours. */}
            {[...c.defects].sort((a, b) => Number(a.id === selectedDefectId) - Number(b.id === selectedDefectId)).map((d) => {
              const x = Math.min(1000, Math.max(0, (d.distanceM / length) * 1000));
              const w = d.lengthM ? Math.max(4, (d.lengthM / length) * 1000) : 6;
              const colour = gradeColour[(['I', 'II', 'III', 'IV'] as const)[d.grade - 1]!];
              const selected = d.id === selectedDefectId;
              return (
                <g key={d.id} data-testid="defect-mark" data-defect-id={d.id} data-selected={selected} className={onSelectDefect ? 'clickable' : undefined} onClick={() => onSelectDefect?.(d.id)}>
                  <rect
                    x={x - (d.lengthM ? 0 : selected ? 5 : 3)}
                    y={selected ? 12 : 16}
                    width={selected && !d.lengthM ? 10 : w}
                    height={selected ? 36 : 28}
                    fill={colour}
                    stroke={selected ? '#ffffff' : 'none'}
                    strokeWidth={selected ? 3 : 0}
                    vectorEffect="non-scaling-stroke"
                  />
                  <text x={x} y="10" fill={selected ? '#fff200' : '#e8f4ff'} fontSize="12" fontWeight={selected ? 700 : 400} textAnchor="middle">
                    {d.code}
                  </text>
                </g>
              );
            })}
          </svg>
          {onSelectDefect && selectedDefectId === null && <p className="muted small-note">{t('condition.pickHint')}</p>}
          <div className={aside ? 'defect-browser with-aside' : 'defect-browser'}>
            <table className="grid drainage-table" ref={table}>
              <thead>
                <tr>
                  <th>{t('condition.at')}</th>
                  <th>{t('condition.code')}</th>
                  <th>{t('condition.name')}</th>
                  <th>{t('condition.grade')}</th>
                  <th className="media-col">{t('condition.photo')}</th>
                </tr>
              </thead>
              <tbody>
                {c.defects.map((d) => (
                  <tr
                    key={d.id}
                    data-testid="defect-row"
                    data-defect-id={d.id}
                    aria-selected={d.id === selectedDefectId}
                    className={[onSelectDefect ? 'clickable' : '', d.id === selectedDefectId ? 'current' : ''].join(' ').trim() || undefined}
                    tabIndex={onSelectDefect ? 0 : undefined}
                    onClick={() => onSelectDefect?.(d.id)}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter' || e.key === ' ') onSelectDefect?.(d.id);
                    }}
                  >
                    <td>{d.distanceM.toFixed(1)} m</td>
                    <td>{d.code}</td>
                    <td>{pick(d.name, locale)}</td>
                    <td>{d.grade}</td>
                    <td className="media-path">{d.media ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {aside}
          </div>
        </>
      )}
      {c.assumptions.length > 0 && (
        <p className="muted small-note">
          {t('condition.assumptions')}: {c.assumptions.map((a) => pick(a, locale)).join('；')}
        </p>
      )}
    </section>
  );
}
