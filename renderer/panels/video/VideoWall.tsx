import { useEffect, useRef, useState, type DragEvent } from 'react';
import type { Locale } from '../../ui/locale';
import { VideoPlayer, type VideoPlayerProps } from './VideoPlayer';
import { videoText } from './videoText';
import { assignTarget, CAMERA_DRAG_TYPE, emptyWallLayout, parseCameraDrop, setCameraDragData, wallSizes, withCell, type WallCamera, type WallLayout, type WallLayoutStore, type WallSize } from './wallLayout';

export interface VideoWallProps {
  locale: Locale;
  /** Where the layout is loaded from and saved to after every change. */
  layoutStore: WallLayoutStore;
  /** Cameras offered for click-to-assign and dragging (e.g. the cameras in view, or a search result). */
  cameras?: WallCamera[];
  onClose?(): void;
  /** Passed to every player (tests inject a fake engine and clock). */
  player?: Pick<VideoPlayerProps, 'attach' | 'now' | 'policy' | 'snapshotIntervalMs'>;
}

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));
const hasCamera = (e: DragEvent) => Array.from(e.dataTransfer.types).includes(CAMERA_DRAG_TYPE);

/**
 * The video wall: 1, 4 or 9 players. A cell gets a camera by drag-and-drop (CAMERA_DRAG_TYPE from the map, a
 * list or another cell, which moves it) or by clicking 上墙 in the list (goes to the selected cell, else the first
 * empty one). The layout is restored on open and saved after every change; until the saved layout is read nothing
 * is saved, so opening the wall never overwrites it.
 */
export function VideoWall({ locale, layoutStore, cameras = [], onClose, player }: VideoWallProps) {
  const t = videoText(locale);
  const [layout, setLayout] = useState<WallLayout>(() => emptyWallLayout());
  const [loaded, setLoaded] = useState(false);
  const [selected, setSelected] = useState<number | null>(null);
  const [message, setMessage] = useState<{ kind: 'error' | 'info'; text: string } | null>(null);
  const [dropTarget, setDropTarget] = useState<number | null>(null);
  const saving = useRef(Promise.resolve());

  useEffect(() => {
    let live = true;
    layoutStore
      .load()
      .then((l) => {
        if (live && l) setLayout(l);
      })
      .catch((err: unknown) => live && setMessage({ kind: 'error', text: `${t('wall.loadFailed')}: ${errorText(err)}` }))
      .finally(() => live && setLoaded(true));
    return () => {
      live = false;
    };
    // Loaded once per store; a language change does not reload it.
  }, [layoutStore]);

  const change = (next: WallLayout) => {
    setLayout(next);
    if (!loaded) return;
    // Saves go out in order, so the last change is the one kept.
    saving.current = saving.current.then(() =>
      layoutStore.save(next).then(
        () => setMessage((m) => (m?.kind === 'error' ? m : { kind: 'info', text: t('wall.saved') })),
        (err: unknown) => setMessage({ kind: 'error', text: `${t('wall.saveFailed')}: ${errorText(err)}` }),
      ),
    );
  };

  const assign = (index: number, camera: WallCamera | null) => change(withCell(layout, index, camera));

  const onDrop = (index: number) => (e: DragEvent) => {
    e.preventDefault();
    setDropTarget(null);
    const parsed = parseCameraDrop(e.dataTransfer.getData(CAMERA_DRAG_TYPE));
    if (!parsed.ok) {
      setMessage({ kind: 'error', text: `${t('wall.badDrop')}: ${parsed.error}` });
      return;
    }
    const from = Number(e.dataTransfer.getData('application/x-cityops-wall-cell'));
    const moving = e.dataTransfer.types.includes('application/x-cityops-wall-cell') && Number.isInteger(from) && from !== index;
    let next = withCell(layout, index, parsed.value);
    if (moving) next = withCell(next, from, layout.cells[index] ?? null);
    setMessage(null);
    setSelected(index);
    change(next);
  };

  const side = Math.sqrt(layout.size);
  const visible = layout.cells.slice(0, layout.size);
  return (
    <section className="panel video-wall" data-testid="video-wall" data-size={layout.size} data-loaded={loaded} aria-label={t('wall.title')} style={{ display: 'flex', flexDirection: 'column', gap: '0.5rem' }}>
      <header className="panel-head">
        <h2>{t('wall.title')}</h2>
        <div role="group" aria-label={t('wall.layout')} style={{ display: 'flex', gap: '0.3rem' }}>
          {wallSizes.map((n: WallSize) => (
            <button key={n} type="button" data-testid={`wall-layout-${n}`} aria-pressed={layout.size === n} className={layout.size === n ? 'primary' : undefined} onClick={() => change({ ...layout, size: n })}>
              {t(`wall.layout${n}`)}
            </button>
          ))}
        </div>
        {onClose && (
          <button type="button" data-testid="video-wall-close" onClick={onClose}>
            {t('panel.close')}
          </button>
        )}
      </header>
      {message && (
        <p className={message.kind === 'error' ? 'error' : 'rule'} role={message.kind === 'error' ? 'alert' : 'status'} data-testid="video-wall-message">
          {message.text}
        </p>
      )}
      <div style={{ display: 'flex', gap: '0.6rem', minHeight: 0, flex: 1 }}>
        <div className="video-wall-grid" data-testid="video-wall-grid" style={{ flex: 1, display: 'grid', gridTemplateColumns: `repeat(${side}, 1fr)`, gridTemplateRows: `repeat(${side}, 1fr)`, gap: '4px', minHeight: '20rem' }}>
          {visible.map((cam, i) => (
            <div
              key={i}
              className="video-wall-cell"
              data-testid={`wall-cell-${i}`}
              data-camera={cam?.id ?? ''}
              data-selected={selected === i}
              data-drop-target={dropTarget === i}
              tabIndex={0}
              aria-label={`${i + 1} ${cam ? cam.name : t('wall.empty')}`}
              onClick={() => setSelected(i)}
              onKeyDown={(e) => {
                if (e.key === 'Delete' && cam) assign(i, null);
              }}
              onDragOver={(e) => {
                if (!hasCamera(e)) return;
                e.preventDefault();
                e.dataTransfer.dropEffect = e.dataTransfer.types.includes('application/x-cityops-wall-cell') ? 'move' : 'copy';
                if (dropTarget !== i) setDropTarget(i);
              }}
              onDragLeave={() => setDropTarget((d) => (d === i ? null : d))}
              onDrop={onDrop(i)}
              style={{ position: 'relative', display: 'flex', flexDirection: 'column', minWidth: 0, minHeight: 0, border: `2px solid ${dropTarget === i ? 'var(--warn)' : selected === i ? 'var(--accent)' : 'var(--panel-border)'}`, background: '#02080e' }}
            >
              {cam ? (
                <>
                  <div
                    className="video-wall-cell-head"
                    draggable
                    onDragStart={(e) => {
                      setCameraDragData(e.dataTransfer, cam);
                      e.dataTransfer.setData('application/x-cityops-wall-cell', String(i));
                    }}
                    style={{ display: 'flex', alignItems: 'center', gap: '0.4rem', padding: '0.1rem 0.4rem', fontSize: '0.85rem', cursor: 'grab' }}
                  >
                    <span data-testid={`wall-cell-${i}-name`} style={{ flex: 1, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} title={`${cam.name} (${cam.id})`}>
                      {cam.name}
                    </span>
                    <button
                      type="button"
                      data-testid={`wall-cell-${i}-clear`}
                      onClick={(e) => {
                        e.stopPropagation();
                        assign(i, null);
                      }}
                      style={{ padding: '0 0.5rem' }}
                    >
                      {t('wall.clear')}
                    </button>
                  </div>
                  <div style={{ flex: 1, minHeight: 0 }}>
                    <VideoPlayer key={`${cam.id}|${cam.url}`} url={cam.url} locale={locale} label={cam.name} testId={`wall-player-${i}`} {...player} />
                  </div>
                </>
              ) : (
                <div style={{ flex: 1, display: 'grid', placeContent: 'center', color: 'var(--text-dim)', textAlign: 'center', padding: '0.5rem' }} data-testid={`wall-cell-${i}-empty`}>
                  {t('wall.empty')}
                </div>
              )}
            </div>
          ))}
        </div>
        {cameras.length > 0 && (
          <aside aria-label={t('wall.cameras')} style={{ width: '14rem', overflow: 'auto' }}>
            <h3 style={{ margin: '0 0 0.3rem', fontSize: '1rem', color: 'var(--accent)' }}>{t('wall.cameras')}</h3>
            <ul data-testid="wall-camera-list" style={{ listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '0.25rem' }}>
              {cameras.map((c) => (
                <li key={c.id} data-testid={`wall-camera-${c.id}`} draggable onDragStart={(e) => setCameraDragData(e.dataTransfer, c)} style={{ display: 'flex', alignItems: 'center', gap: '0.3rem', cursor: 'grab' }}>
                  <span style={{ flex: 1, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} title={`${c.name} (${c.id})`}>
                    {c.name}
                  </span>
                  <button type="button" data-testid={`wall-assign-${c.id}`} onClick={() => assign(assignTarget(layout, selected), c)} style={{ padding: '0 0.5rem' }}>
                    {t('wall.assign')}
                  </button>
                </li>
              ))}
            </ul>
          </aside>
        )}
      </div>
    </section>
  );
}
