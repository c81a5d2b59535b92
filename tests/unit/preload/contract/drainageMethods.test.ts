import { describe, expect, it } from 'vitest';
import { drainageMethods } from '../../../../preload/contract/drainageMethods';
import { authorize } from '../../../../preload/contract/methodRoles';

const spec = drainageMethods['drainage.defectMedia'];

describe("contract: 'drainage.defectMedia'", () => {
  it('takes a defect id and nothing else: no path can come from the client', () => {
    expect(spec.input.parse({ defectId: 7 })).toEqual({ defectId: 7 });
    for (const bad of [{ defectId: 7, path: '/etc/passwd' }, { defectId: 7, media: 'x.png' }, { path: '/tmp/a.png' }, { defectId: 0 }, { defectId: 1.5 }, { defectId: '7' }, {}]) {
      expect(spec.input.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it('answers a photo (mime + data URL of that mime) or a reason with a message, never both or neither', () => {
    const ok = { defectId: 7, mime: 'image/png', dataUrl: 'data:image/png;base64,iVBORw0KGgo=', bytes: 8, reason: null, message: null };
    const refused = { defectId: 7, mime: null, dataUrl: null, bytes: null, reason: 'video_frame', message: { zh: '视频帧路径', en: 'video frame path — open in a player' } };
    expect(spec.output.safeParse(ok).success).toBe(true);
    expect(spec.output.safeParse(refused).success).toBe(true);
    expect(spec.output.safeParse({ ...ok, reason: 'too_large' }).success).toBe(false);
    expect(spec.output.safeParse({ ...refused, reason: null }).success).toBe(false);
    expect(spec.output.safeParse({ ...ok, mime: 'image/jpeg' }).success).toBe(false);
    expect(spec.output.safeParse({ ...ok, mime: 'image/svg+xml', dataUrl: 'data:image/svg+xml;base64,PHN2Zy8+' }).success).toBe(false);
    expect(spec.output.safeParse({ ...ok, dataUrl: 'file:///etc/passwd' }).success).toBe(false);
    expect(spec.output.safeParse({ ...refused, reason: 'because' }).success).toBe(false);
  });

  it('is readable like drainage.condition (the situation picture)', () => {
    expect(authorize('drainage.defectMedia', null)).toBeNull();
    expect(authorize('drainage.defectMedia', 'viewer')).toBeNull();
    expect(authorize('drainage.defectMedia', 'operator')).toBe(authorize('drainage.condition', 'operator'));
  });
});
