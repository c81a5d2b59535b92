import { describe, expect, it } from 'vitest';
import { cameraIconSpec, clusterLabel, coneColour } from '../../../../../renderer/layers/cameras/camerasStyle';

describe('camera icons (pure)', () => {
  it('shape by type, glyph in the UI language; unknown types draw as bullets', () => {
    expect(cameraIconSpec('bullet', 'online', 'zh-CN')).toMatchObject({ shape: 'bullet', glyph: '枪' });
    expect(cameraIconSpec('dome', 'online', 'zh-CN')).toMatchObject({ shape: 'dome', glyph: '球' });
    expect(cameraIconSpec('ptz', 'online', 'en')).toMatchObject({ shape: 'ptz', glyph: 'P' });
    expect(cameraIconSpec('thermal', null, 'en')).toMatchObject({ shape: 'bullet', glyph: 'B', fill: '#3ddc84' });
  });
  it('offline is grey and dimmed, fault red and crossed, online neither', () => {
    const on = cameraIconSpec('dome', 'online', 'zh-CN');
    const off = cameraIconSpec('dome', 'offline', 'zh-CN');
    const fault = cameraIconSpec('dome', 'fault', 'zh-CN');
    expect(on).toMatchObject({ crossed: false, dimmed: false });
    expect(off).toMatchObject({ fill: '#7b8794', crossed: false, dimmed: true });
    expect(fault).toMatchObject({ fill: '#ff4d4f', crossed: true, dimmed: false });
    expect(new Set([on.fill, off.fill, fault.fill]).size).toBe(3);
  });
  it('cones by status; cluster counts cap at 999+', () => {
    expect(new Set([coneColour('online'), coneColour('offline'), coneColour('fault')]).size).toBe(3);
    expect(coneColour(null)).toBe(coneColour('online'));
    expect(clusterLabel(12)).toBe('12');
    expect(clusterLabel(999)).toBe('999');
    expect(clusterLabel(1000)).toBe('999+');
  });
});
