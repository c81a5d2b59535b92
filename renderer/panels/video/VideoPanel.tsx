import type { Locale } from '../../ui/locale';
import { VideoPlayer, type VideoPlayerProps } from './VideoPlayer';
import { videoText, type VideoTextKey } from './videoText';
import { setCameraDragData } from './wallLayout';
import { wallCameraOf, type VideoCamera } from './videoCamera';

export interface VideoPanelProps {
  camera: VideoCamera;
  locale: Locale;
  onClose(): void;
  /** Sends the camera to the video wall (button shown when given and the camera has a stream). */
  onToWall?(camera: VideoCamera): void;
  /** Passed to the player (tests inject a fake engine and clock). */
  player?: Pick<VideoPlayerProps, 'attach' | 'now' | 'policy' | 'snapshotIntervalMs'>;
}

const statusColour: Record<string, string> = { online: 'var(--ok)', offline: 'var(--text-dim)', fault: 'var(--danger)' };

/** A camera's panel: name, id, type, status and department over its live video; draggable onto the wall. */
export function VideoPanel({ camera: c, locale, onClose, onToWall, player }: VideoPanelProps) {
  const t = videoText(locale);
  const known = (prefix: 'camType' | 'status', v: string | null) => {
    if (!v) return '—';
    // Unknown values (from an imported source) are shown as they are.
    return (t(`${prefix}.${v}` as VideoTextKey) as string | undefined) ?? v;
  };
  const wall = wallCameraOf(c);
  return (
    <section className="panel video-panel" data-testid="video-panel" data-camera={c.id} aria-label={c.name}>
      <header
        className="panel-head"
        draggable={!!wall}
        onDragStart={(e) => {
          if (wall) setCameraDragData(e.dataTransfer, wall);
        }}
      >
        <h2>
          {c.name} <small data-testid="video-panel-id">{c.id}</small>
        </h2>
        {onToWall && wall && (
          <button type="button" data-testid="video-panel-to-wall" onClick={() => onToWall(c)}>
            {t('wall.assign')}
          </button>
        )}
        <button type="button" data-testid="video-panel-close" onClick={onClose} aria-label={t('panel.close')}>
          {t('panel.close')}
        </button>
      </header>
      <dl className="facts" data-testid="video-panel-facts">
        <dt>{t('panel.type')}</dt>
        <dd data-testid="video-panel-type">{known('camType', c.camType)}</dd>
        <dt>{t('panel.status')}</dt>
        <dd data-testid="video-panel-status" data-status={c.status ?? ''} style={{ color: (c.status && statusColour[c.status]) || undefined }}>
          {known('status', c.status)}
        </dd>
        <dt>{t('panel.department')}</dt>
        <dd data-testid="video-panel-department">{c.department ?? '—'}</dd>
      </dl>
      <div className="video-panel-player" style={{ aspectRatio: '16 / 9', marginTop: '0.5rem' }}>
        <VideoPlayer key={c.id} url={c.url} locale={locale} label={c.name} testId="video-panel-player" {...player} />
      </div>
    </section>
  );
}
