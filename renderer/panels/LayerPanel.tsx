import type { LayerInfo, MethodOutput } from '../../preload/contract';
import { useI18n } from '../app/i18n';
import { pick } from '../ui/locale';

export interface LayerPanelProps {
  layers: LayerInfo[];
  drawn: Record<string, number>;
  visibility: Record<string, boolean>;
  errors: Record<string, string>;
  onToggle(layerId: string, visible: boolean): void;
  /** Imagery and terrain sources, shown under the layers. */
  config?: MethodOutput<'map.config'> | null;
}

/** The layer list: name, feature count in the store, how many are drawn, caption and source. */
export function LayerPanel({ layers, drawn, visibility, errors, onToggle, config }: LayerPanelProps) {
  const { t, locale } = useI18n();
  return (
    <section className="panel layer-panel" aria-label={t('layers.title')}>
      <h2>{t('layers.title')}</h2>
      {layers.filter((l) => l.featureCount > 0 || l.source).map((l) => (
        <div className="layer-row" key={l.id} data-testid={`layer-${l.id}`}>
          <input
            type="checkbox"
            aria-label={pick(l.title, locale)}
            checked={visibility[l.id] ?? true}
            onChange={(e) => onToggle(l.id, e.target.checked)}
          />
          <span className="layer-name">
            {pick(l.title, locale)}
            {l.caption && <span className="caption">{pick(l.caption, locale)}</span>}
            {l.demo && <span className="badge demo">{t('layers.demo')}</span>}
          </span>
          <span className="layer-count" title={t('layers.features')}>
            <span data-testid={`layer-count-${l.id}`}>{l.featureCount}</span>
          </span>
          <span className="layer-meta" title={`${l.source} · ${l.lastChange}`}>
            {t('layers.drawn')}: <span data-testid={`layer-drawn-${l.id}`}>{drawn[l.id] ?? '…'}</span>
            {' · '}
            {t('layers.source')}: {l.source || t('layers.empty')}
            {l.featureCount > 0 && (
              <>
                {' · '}
                {t('layers.updated')}: {new Date(l.lastChange).toLocaleString(locale === 'zh-CN' ? 'zh-CN' : 'en-GB', { hour12: false })}
              </>
            )}
            {errors[l.id] && <span className="bad"> · {errors[l.id]}</span>}
          </span>
        </div>
      ))}
      {config && (
        <div className="sources" data-testid="basemap-sources">
          <h3>{t('layers.basemap')}</h3>
          {[...config.imagery].reverse().map((i) => (
            <div key={i.id} className="source-row" data-testid={`imagery-${i.id}`}>
              {pick(i.title, locale)}
              <span className="layer-meta"> · z{i.minimumLevel}–{i.maximumLevel}</span>
              {i.online && <span className="badge online">{t('layers.onlineOnly')}</span>}
            </div>
          ))}
          <div className="source-row" data-testid="terrain-source">
            {t('layers.terrain')}:{' '}
            {config.terrain.kind === 'heightmap' ? (
              <>
                {config.terrain.source} · {Math.round(config.terrain.minHeight)}–{Math.round(config.terrain.maxHeight)} m
                {config.terrain.demo && <span className="badge demo">{t('layers.demo')}</span>}
              </>
            ) : config.terrain.kind === 'ellipsoid' ? (
              t('layers.noTerrain')
            ) : (
              <>
                {config.terrain.title} (quantized-mesh)
                {!config.terrain.coversDistrict && <span className="badge online">{t('layers.outsideDistrict')}</span>}
              </>
            )}
          </div>
        </div>
      )}
    </section>
  );
}
