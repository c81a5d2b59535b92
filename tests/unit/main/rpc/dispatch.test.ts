import { describe, expect, it, vi } from 'vitest';
import { createDispatch, type Handlers } from '../../../../main/rpc/dispatch';
import { NotFoundError } from '../../../../main/store/featuresRepository';
import { methods } from '../../../../preload/contract';

const info = { name: 'CityOps', version: '0.0.0', mode: 'browser' as const, storePath: '/x', schemaVersion: 1, supportedSchemaVersion: 1 };

/** Methods this test does not exercise answer 'not in this test'. */
const others = Object.fromEntries(
  Object.keys(methods).map((m) => [
    m,
    () => {
      throw new Error('not in this test');
    },
  ]),
) as unknown as Handlers;

function handlers(over: Partial<Handlers> = {}): Handlers {
  return {
    ...others,
    'app.info': () => info,
    'map.config': () => {
      throw new Error('secret internals at /home/user');
    },
    'layers.list': () => ({ layers: [] }),
    'features.query': ({ layerId }) => {
      throw new NotFoundError(`no layer '${layerId}' in the store`);
    },
    'import.preview': () => {
      throw new Error('not in this test');
    },
    'import.start': () => ({ jobId: 'x' }),
    'import.cancel': () => ({ cancelled: false }),
    'layers.export': () => ({ path: '/x.gpkg', count: 0, format: 'gpkg' }),
    ...over,
  };
}

describe('dispatch', () => {
  const log = vi.fn();
  const dispatch = createDispatch(handlers(), log);

  it('answers a valid call with the validated output', async () => {
    expect(await dispatch('app.info', {})).toEqual({ ok: true, value: info });
  });

  it('refuses unknown and malformed method names', async () => {
    expect(await dispatch('app.rm_rf', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    expect(await dispatch(42, {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    expect(await dispatch('__proto__', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    expect(await dispatch('toString', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
  });

  it('names the bad fields of an input', async () => {
    const r = await dispatch('features.query', { layerId: 'Bad Id!', bbox: [200, 0, 1, 1], limit: 0 });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('BAD_INPUT');
    expect(r.error.details?.join('\n')).toMatch(/layerId/);
    expect(r.error.details?.join('\n')).toMatch(/bbox\.0/);
    expect(r.error.details?.join('\n')).toMatch(/limit/);
    expect(await dispatch('app.info', { extra: 1 })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(await dispatch('features.query', { layerId: 'boundary', bbox: [2, 0, 1, 1] })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  });

  it('maps known errors to their code and hides unknown ones', async () => {
    expect(await dispatch('features.query', { layerId: 'nope' })).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: "no layer 'nope' in the store" } });
    const r = await dispatch('map.config', {});
    expect(r).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'map.config: internal error (see the host log)' } });
    expect(JSON.stringify(r)).not.toMatch(/secret|home|stack/);
    expect(log).toHaveBeenCalled();
  });

  it('refuses an answer outside the contract', async () => {
    const d = createDispatch(handlers({ 'layers.list': () => ({ layers: [{ id: 'x' }] }) as never }), () => {});
    expect(await d('layers.list', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });
});
