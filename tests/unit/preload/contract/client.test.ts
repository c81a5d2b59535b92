import { describe, expect, it, vi } from 'vitest';
import { createClient, errorCodeOf, RpcError, type Transport } from '../../../../preload/contract';

function transport(answer: unknown): Transport & { calls: unknown[][] } {
  const calls: unknown[][] = [];
  return {
    calls,
    call: vi.fn(async (m: string, i: unknown) => {
      calls.push([m, i]);
      return answer as never;
    }),
    subscribe: vi.fn(() => () => {}),
  };
}

describe('createClient', () => {
  it('is a plain object of functions, so it can cross contextBridge', () => {
    const c = createClient(transport({ ok: true, value: {} }));
    expect(Object.getPrototypeOf(c)).toBe(Object.prototype);
    expect(Object.values(c).every((v) => typeof v === 'function')).toBe(true);
    expect(Object.keys(c).sort()).toEqual(['call', 'setSession', 'subscribe']);
  });

  it('validates input before anything is sent, applying defaults', async () => {
    const tr = transport({ ok: true, value: { type: 'FeatureCollection', layerId: 'boundary', features: [], total: 0, truncated: false } });
    const c = createClient(tr);
    await expect(c.call('features.query', { layerId: 'DROP TABLE' })).rejects.toThrow(/BAD_INPUT: features.query: layerId/);
    expect(tr.calls).toEqual([]);
    await c.call('features.query', { layerId: 'boundary' });
    expect(tr.calls).toEqual([['features.query', { layerId: 'boundary', limit: 5000 }]]);
  });

  it('throws typed errors whose code survives as a message prefix', async () => {
    const c = createClient(transport({ ok: false, error: { code: 'NOT_FOUND', message: 'no layer' } }));
    const err = await c.call('layers.list', {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RpcError);
    expect(errorCodeOf(err)).toBe('NOT_FOUND');
    expect(errorCodeOf(new Error((err as Error).message))).toBe('NOT_FOUND');
    expect(errorCodeOf(new Error('plain'))).toBeUndefined();
  });

  it('refuses answers outside the contract and transport failures with typed codes', async () => {
    await expect(createClient(transport({ ok: true, value: { nope: 1 } })).call('app.info', {})).rejects.toThrow(/^INTERNAL/);
    const broken: Transport = { call: () => Promise.reject(new Error('socket closed')), subscribe: () => () => {} };
    await expect(createClient(broken).call('app.info', {})).rejects.toThrow(/^TRANSPORT: app.info: socket closed/);
  });

  it('drops pushed payloads that do not match the topic schema', () => {
    let deliver: (p: unknown) => void = () => {};
    const tr: Transport = { call: async () => ({ ok: true, value: {} }), subscribe: (_t, h) => ((deliver = h), () => {}) };
    const seen: unknown[] = [];
    createClient(tr).subscribe('store.changed', (p) => seen.push(p));
    deliver({ layerIds: 'boundary' });
    deliver({ layerIds: ['boundary'], reason: 'x', at: 't' });
    expect(seen).toEqual([{ layerIds: ['boundary'], reason: 'x', at: 't' }]);
  });
});
