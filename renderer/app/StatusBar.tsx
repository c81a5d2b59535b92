import type { FeedStatus, MethodOutput } from '../../preload/contract';
import { monitoringText } from '../panels/monitoring/monitoringText';
import { useI18n } from './i18n';

export function StatusBar({ info, globeReady, feeds, unregistered }: { info: MethodOutput<'app.info'> | null; globeReady: boolean; feeds: FeedStatus | null; unregistered: number }) {
  const { t, locale } = useI18n();
  const m = monitoringText(locale);
  return (
    <footer className="statusbar">
      <span className="ok">{t('status.offline')}</span>
      <span data-testid="map-state">{globeReady ? t('map.ready') : t('map.loading')}</span>
      {feeds && (
        <span className={`feed ${feeds.sl651.error ? 'bad' : ''}`} data-testid="feed-sl651" title={feeds.sl651.error ?? ''}>
          {m('feeds.sl651')}: {feeds.sl651.listening ? `:${feeds.sl651.port} · ${m('feeds.frames')} ${feeds.sl651.frames}` : m('feeds.off')}
          {unregistered > 0 ? ` · ${m('feeds.unregistered')} ${unregistered}` : ''}
        </span>
      )}
      {feeds?.mqtt.enabled && (
        <span className={`feed ${feeds.mqtt.connected ? 'ok' : 'bad'}`} data-testid="feed-mqtt" title={feeds.mqtt.error ?? ''}>
          {m('feeds.mqtt')}: {feeds.mqtt.connected ? m('feeds.connected') : m('feeds.disconnected')} · {feeds.mqtt.messages}
        </span>
      )}
      {info && (
        <>
          <span>
            {t('status.store')}: {info.storePath}
          </span>
          <span>
            {t('status.schema')} {info.schemaVersion}
          </span>
          <span>CityOps {info.version}</span>
        </>
      )}
    </footer>
  );
}
