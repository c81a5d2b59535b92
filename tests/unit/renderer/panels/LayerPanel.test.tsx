import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LayerInfo } from '../../../../preload/contract';
import { I18nContext, translate } from '../../../../renderer/app/i18n';
import { LayerPanel } from '../../../../renderer/panels/LayerPanel';

afterEach(cleanup);

const layer = (over: Partial<LayerInfo>): LayerInfo => ({
  id: 'cameras',
  title: { zh: '视频监控', en: 'Cameras' },
  kind: 'cameras',
  geometryType: 'POINT',
  featureCount: 2000,
  bbox: [110.6, 32.4, 110.9, 32.7],
  source: 'resources/demo',
  demo: true,
  caption: null,
  lastChange: '2026-11-28T10:00:00.000Z',
  ...over,
});

describe('LayerPanel', () => {
  it('shows counts, drawn counts, the demo badge and the caption; the checkbox toggles the layer', () => {
    const onToggle = vi.fn();
    render(
      <I18nContext.Provider value={{ locale: 'zh-CN', t: (k) => translate('zh-CN', k), setLocale: () => {} }}>
        <LayerPanel
          layers={[layer({}), layer({ id: 'boundary', title: { zh: '行政边界', en: 'Boundary' }, demo: false, featureCount: 1, caption: { zh: '示意边界', en: 'Indicative boundary' } }), layer({ id: 'facilities', featureCount: 0, source: '' })]}
          drawn={{ cameras: 2000 }}
          visibility={{}}
          errors={{}}
          onToggle={onToggle}
        />
      </I18nContext.Provider>,
    );
    expect(screen.getByTestId('layer-count-cameras').textContent).toBe('2000');
    expect(screen.getByTestId('layer-drawn-cameras').textContent).toBe('2000');
    expect(screen.getByTestId('layer-drawn-boundary').textContent).toBe('…');
    expect(screen.getByTestId('layer-cameras').textContent).toContain('演示数据');
    expect(screen.getByTestId('layer-boundary').textContent).toContain('示意边界');
    expect(screen.getByTestId('layer-boundary').textContent).not.toContain('演示数据');
    // An empty layer with no source is not listed.
    expect(screen.queryByTestId('layer-facilities')).toBeNull();
    fireEvent.click(screen.getByRole('checkbox', { name: '视频监控' }));
    expect(onToggle).toHaveBeenCalledWith('cameras', false);
  });
});
