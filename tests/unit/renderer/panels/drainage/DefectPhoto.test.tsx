import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Client } from '../../../../../preload/contract';
import { DefectPhoto, type Defect } from '../../../../../renderer/panels/drainage/DefectPhoto';

afterEach(cleanup);

const defect = (patch: Partial<Defect> = {}): Defect => ({
  id: 5, distanceM: 31.25, code: 'SG', name: { zh: '树根', en: 'Tree roots' }, defectClass: 'functional', grade: 4, score: 10, lengthM: 1.5, media: 'img/sg.jpg', remarks: null, inspectedAt: null, ...patch,
});
const clientAnswering = (answer: (input: { defectId: number }) => Promise<unknown>) => {
  const call = vi.fn((_method: string, input: { defectId: number }) => answer(input));
  return { client: { call, subscribe: () => () => {} } as unknown as Client, call };
};

describe('DefectPhoto', () => {
  it('shows the photo the host answers for the defect, with code, name, grade and chainage (English)', async () => {
    const url = 'data:image/jpeg;base64,/9j/4AAQ';
    const { client, call } = clientAnswering(async (i) => ({ defectId: i.defectId, mime: 'image/jpeg', dataUrl: url, bytes: 9, reason: null, message: null }));
    render(<DefectPhoto client={client} locale="en" defect={defect()} />);
    const img = (await screen.findByTestId('defect-photo-img')) as HTMLImageElement;
    expect(img.src).toBe(url);
    expect(img.alt).toBe('Defect photo SG 31.3 m');
    expect(call).toHaveBeenCalledWith('drainage.defectMedia', { defectId: 5 });
    const text = screen.getByTestId('defect-photo').textContent!;
    expect(text).toContain('SG Tree roots');
    expect(text).toContain('Grade IV');
    expect(text).toContain('Defect length1.5 m');
    expect(screen.getByTestId('defect-photo-chainage').textContent).toBe('31.3 m');
  });

  it('no media recorded: says so without asking the host; a refused file shows the host’s reason; an error is shown', async () => {
    const none = clientAnswering(async () => ({}));
    render(<DefectPhoto client={none.client} locale="zh-CN" defect={defect({ media: null })} />);
    expect(screen.getByTestId('defect-photo-reason').textContent).toBe('无影像记录');
    expect(none.call).not.toHaveBeenCalled();
    cleanup();
    const refused = clientAnswering(async (i) => ({ defectId: i.defectId, mime: null, dataUrl: null, bytes: 9_000_000, reason: 'too_large', message: { zh: '照片过大（8.6 MB，上限 8 MB）：img/sg.jpg', en: 'too large' } }));
    render(<DefectPhoto client={refused.client} locale="zh-CN" defect={defect()} />);
    await waitFor(() => expect(screen.getByTestId('defect-photo-reason').dataset.reason).toBe('too_large'));
    expect(screen.getByTestId('defect-photo-reason').textContent).toBe('照片过大（8.6 MB，上限 8 MB）：img/sg.jpg');
    expect(screen.getByTestId('defect-photo').textContent).toContain('Ⅳ级');
    cleanup();
    const failing = clientAnswering(() => Promise.reject(new Error('缺陷 5 不存在')));
    render(<DefectPhoto client={failing.client} locale="zh-CN" defect={defect()} />);
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('缺陷 5 不存在'));
  });
});
