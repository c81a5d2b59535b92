import { useState } from 'react';
import type { CameraRecord } from '../../layers/cameras/cameraRecord';
import { cameraStatusColour } from '../../layers/cameras/camerasStyle';
import type { Locale } from '../../ui/locale';
import { setCameraDragData } from '../video/wallLayout';
import { cameraText } from './cameraText';

/** Pure: cameras whose name or id contains the query (case-insensitive), streams first, then by id. */
export function searchCameras(cameras: readonly CameraRecord[], query: string): CameraRecord[] {
  const q = query.trim().toLowerCase();
  const hit = q ? cameras.filter((c) => c.name.toLowerCase().includes(q) || c.id.toLowerCase().includes(q)) : cameras.slice();
  return hit.sort((a, b) => Number(!!b.url) - Number(!!a.url) || a.id.localeCompare(b.id));
}

/** The (filtered) cameras: search, click to open its video, drag one with a stream onto the wall. */
export function CameraList({ locale, cameras, selected, onSelect, max = 200 }: { locale: Locale; cameras: readonly CameraRecord[]; selected: string | null; onSelect(id: string): void; max?: number }) {
  const t = cameraText(locale);
  const [query, setQuery] = useState('');
  const found = searchCameras(cameras, query);
  return (
    <section className="camera-list" aria-label={t('list.title')}>
      <h3>
        {t('list.title')} <small data-testid="camera-list-count">{found.length}</small>
      </h3>
      <input type="search" placeholder={t('list.search')} value={query} data-testid="camera-list-search" onChange={(e) => setQuery(e.target.value)} />
      <ul data-testid="camera-list">
        {found.slice(0, max).map((c) => (
          <li
            key={c.id}
            data-testid={`camera-row-${c.id}`}
            className={c.id === selected ? 'current' : undefined}
            draggable={!!c.url}
            onDragStart={(e) => {
              if (c.url) setCameraDragData(e.dataTransfer, { id: c.id, name: c.name, url: c.url });
            }}
          >
            <button type="button" onClick={() => onSelect(c.id)} title={`${c.name} (${c.id})`}>
              <span className="dot" style={{ background: cameraStatusColour[c.status ?? 'online'] ?? cameraStatusColour.online }} />
              <span className="name">{c.name}</span>
              <small>{c.url ? c.id : t('list.noStream')}</small>
            </button>
          </li>
        ))}
      </ul>
      {found.length > max && <p className="muted small-note">{t('list.more', { n: max })}</p>}
    </section>
  );
}
