import type { MethodOutput } from '../../../preload/contract';
import type { Locale } from '../../ui/locale';
import { videoText, type VideoTextKey } from '../video/videoText';
import { bearingLabel, cameraText, distanceLabel } from './cameraText';

export type SeeingResult = MethodOutput<'cameras.seeing'>;

/** The cameras that see a clicked point, nearest first (distance, bearing camera → point); a click opens one. */
export function CameraSeeingList({ locale, result, onSelect, onClear }: { locale: Locale; result: SeeingResult; onSelect(id: string): void; onClear(): void }) {
  const t = cameraText(locale);
  const vt = videoText(locale);
  const sorted = [...result.cameras].sort((a, b) => a.distanceM - b.distanceM);
  return (
    <section className="camera-seeing" data-testid="camera-seeing" aria-label={t('seeing.title')}>
      <h3>
        {t('seeing.title')} <small>({sorted.length})</small>{' '}
        <button type="button" className="small" onClick={onClear} data-testid="camera-seeing-clear">
          {t('seeing.clear')}
        </button>
      </h3>
      <p className="muted small-note" data-testid="camera-seeing-point">
        {t('seeing.point')} {result.point.lon.toFixed(5)}, {result.point.lat.toFixed(5)}
        {!result.terrain && ` · ${t('seeing.terrainOff')}`}
      </p>
      {sorted.length === 0 ? (
        <p className="muted">{t('seeing.none')}</p>
      ) : (
        <table className="grid camera-seeing-table">
          <thead>
            <tr>
              <th>{t('list.title')}</th>
              <th>{t('seeing.distance')}</th>
              <th>{t('seeing.bearing')}</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((c) => (
              <tr key={c.cameraId} className="clickable" data-testid={`camera-seeing-${c.cameraId}`} data-distance={c.distanceM} onClick={() => onSelect(c.cameraId)}>
                <td>
                  {c.name ?? c.cameraId} {c.status && c.status !== 'online' && <span className={`status-tag ${c.status}`}>{(vt(`status.${c.status}` as VideoTextKey) as string | undefined) ?? c.status}</span>}
                </td>
                <td className="num">{distanceLabel(c.distanceM)}</td>
                <td className="num">{bearingLabel(c.bearing)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
