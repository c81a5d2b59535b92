import { describe, expect, it } from 'vitest';
import { initialLocale, messages, saveLocale, translate } from '../../../../renderer/app/i18n';

describe('i18n', () => {
  it('has every message in zh-CN and English, non-empty', () => {
    const zhKeys = Object.keys(messages['zh-CN']).sort();
    expect(Object.keys(messages.en).sort()).toEqual(zhKeys);
    for (const k of zhKeys) {
      expect(messages['zh-CN'][k as keyof (typeof messages)['en']].trim()).not.toBe('');
      expect(messages.en[k as keyof (typeof messages)['en']].trim()).not.toBe('');
    }
  });
  it('is zh-CN first and remembers the choice', () => {
    expect(initialLocale(window.localStorage)).toBe('zh-CN');
    saveLocale(window.localStorage, 'en');
    expect(initialLocale(window.localStorage)).toBe('en');
    window.localStorage.setItem('cityops.locale', 'fr');
    expect(initialLocale(window.localStorage)).toBe('zh-CN');
    expect(translate('zh-CN', 'app.title')).toBe('茅箭区城市运行指挥中心');
    expect(translate('en', 'app.title')).toBe('Maojian District City Operations Center');
  });
});
