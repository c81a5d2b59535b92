import { useEffect, useState } from 'react';
import type { Client, MethodOutput } from '../../../preload/contract';
import { gradeColour } from '../../layers/drainagePipes/drainagePipesStyle';
import type { Locale } from '../../ui/locale';
import { pick } from '../../ui/locale';
import { drainageText } from './drainageText';

export type Defect = MethodOutput<'drainage.condition'>['defects'][number];
type Media = MethodOutput<'drainage.defectMedia'>;

const grades = ['I', 'II', 'III', 'IV'] as const;
const gradeText = { zh: ['Ⅰ级', 'Ⅱ级', 'Ⅲ级', 'Ⅳ级'], en: ['Grade I', 'Grade II', 'Grade III', 'Grade IV'] };

/**
 * The selected defect beside the list: its photo (drainage.defectMedia: the host reads the path recorded with the
 * defect and answers a data URL, or why not — a video frame, a missing file…), code, name, grade and chainage.
 */
export function DefectPhoto({ client, locale, defect: d }: { client: Client; locale: Locale; defect: Defect }) {
  const t = drainageText(locale);
  const [media, setMedia] = useState<Media | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setMedia(null);
    setError(null);
    if (!d.media) return;
    let live = true;
    client
      .call('drainage.defectMedia', { defectId: d.id })
      .then((m) => live && setMedia(m))
      .catch((err: unknown) => live && setError(err instanceof Error ? err.message : String(err)));
    return () => {
      live = false;
    };
  }, [client, d.id, d.media]);

  const grade = grades[d.grade - 1] ?? 'IV';
  let body;
  if (!d.media) body = <p className="muted defect-photo-reason" data-testid="defect-photo-reason">{t('photo.none')}</p>;
  else if (error)
    body = (
      <p className="error defect-photo-reason" role="alert">
        {t('error.prefix')}: {error}
      </p>
    );
  else if (!media) body = <p className="muted defect-photo-reason">{t('photo.loading')}</p>;
  else if (media.dataUrl) body = <img src={media.dataUrl} alt={`${t('photo.alt')} ${d.code} ${d.distanceM.toFixed(1)} m`} data-testid="defect-photo-img" />;
  else
    body = (
      <p className="warn-note defect-photo-reason" data-testid="defect-photo-reason" data-reason={media.reason ?? ''}>
        {media.message ? pick(media.message, locale) : media.reason}
      </p>
    );

  return (
    <figure className="defect-photo" data-testid="defect-photo" data-defect-id={d.id}>
      <div className="defect-photo-frame">{body}</div>
      <figcaption>
        <div>
          <b>{d.code}</b> {pick(d.name, locale)}{' '}
          <span className="grade-chip" style={{ background: gradeColour[grade] }}>
            {locale === 'zh-CN' ? gradeText.zh[d.grade - 1] : gradeText.en[d.grade - 1]}
          </span>
        </div>
        <dl className="drainage-facts">
          <dt>{t('photo.at')}</dt>
          <dd data-testid="defect-photo-chainage">{d.distanceM.toFixed(1)} m</dd>
          {d.lengthM !== null && (
            <>
              <dt>{t('photo.length')}</dt>
              <dd>{d.lengthM.toFixed(1)} m</dd>
            </>
          )}
          {d.remarks && (
            <>
              <dt>{t('photo.remarks')}</dt>
              <dd>{d.remarks}</dd>
            </>
          )}
          {d.media && (
            <>
              <dt>{t('photo.media')}</dt>
              <dd className="media-path" title={d.media}>
                {d.media}
              </dd>
            </>
          )}
        </dl>
      </figcaption>
    </figure>
  );
}
