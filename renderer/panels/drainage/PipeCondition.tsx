import type { MethodOutput } from '../../../preload/contract';
import { gradeColour } from '../../layers/drainagePipes/drainagePipesStyle';
import type { Locale } from '../../ui/locale';
import { pick } from '../../ui/locale';
import { drainageText } from './drainageText';

type Condition = MethodOutput<'drainage.condition'>;

/** CJJ 181 condition of a pipe: F / G with grades, RI / MI with grades, and its defects as marks along the pipe. */
export function PipeCondition({ condition: c, locale }: { condition: Condition; locale: Locale }) {
  const t = drainageText(locale);
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
            {c.defects.map((d) => {
              const x = Math.min(1000, Math.max(0, (d.distanceM / length) * 1000));
              const w = d.lengthM ? Math.max(4, (d.lengthM / length) * 1000) : 6;
              const colour = gradeColour[(['I', 'II', 'III', 'IV'] as const)[d.grade - 1]!];
              return (
                <g key={d.id} data-testid="defect-mark">
                  <rect x={x - (d.lengthM ? 0 : 3)} y="16" width={w} height="28" fill={colour} />
                  <text x={x} y="12" fill="#e8f4ff" fontSize="12" textAnchor="middle">
                    {d.code}
                  </text>
                </g>
              );
            })}
          </svg>
          <table className="grid drainage-table">
            <thead>
              <tr>
                <th>{t('condition.at')}</th>
                <th>{t('condition.code')}</th>
                <th>{t('condition.name')}</th>
                <th>{t('condition.grade')}</th>
                <th>{t('condition.photo')}</th>
              </tr>
            </thead>
            <tbody>
              {c.defects.map((d) => (
                <tr key={d.id}>
                  <td>{d.distanceM.toFixed(1)} m</td>
                  <td>{d.code}</td>
                  <td>{pick(d.name, locale)}</td>
                  <td>{d.grade}</td>
                  <td className="media-path">{d.media ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
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
