import type { MethodOutput } from '../../preload/contract';
import { useI18n } from './i18n';

export function StatusBar({ info, globeReady }: { info: MethodOutput<'app.info'> | null; globeReady: boolean }) {
  const { t } = useI18n();
  return (
    <footer className="statusbar">
      <span className="ok">{t('status.offline')}</span>
      <span data-testid="map-state">{globeReady ? t('map.ready') : t('map.loading')}</span>
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
