import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Feature } from '../../../../../preload/contract';
import { videoCameraFromFeature } from '../../../../../renderer/panels/video/videoCamera';
import { VideoPanel } from '../../../../../renderer/panels/video/VideoPanel';
import { CAMERA_DRAG_TYPE } from '../../../../../renderer/panels/video/wallLayout';

afterEach(cleanup);

const feature = (props: Record<string, unknown>): Feature => ({ type: 'Feature', id: 12, geometry: { type: 'Point', coordinates: [110.8, 32.6] }, properties: props });

describe('VideoPanel', () => {
  it('shows name, id, type, status and department with the player, and closes', () => {
    const camera = videoCameraFromFeature(feature({ external_id: 'CAM-0012', name: '茅箭区人民路口', cam_type: 'ptz', status: 'fault', department: '区城管局', stream_url: 'http://127.0.0.1:9/12.flv' }));
    const onClose = vi.fn();
    const attach = vi.fn(() => ({ destroy() {} }));
    render(<VideoPanel camera={camera} locale="zh-CN" onClose={onClose} player={{ attach }} />);
    expect(screen.getByRole('heading').textContent).toBe('茅箭区人民路口 CAM-0012');
    expect(screen.getByTestId('video-panel-type').textContent).toBe('云台');
    expect(screen.getByTestId('video-panel-status').textContent).toBe('故障');
    expect(screen.getByTestId('video-panel-department').textContent).toBe('区城管局');
    expect(screen.getByTestId('video-panel-player').dataset.kind).toBe('flv');
    expect(screen.getByTestId('video-panel-player').dataset.state).toBe('connecting');
    expect(attach).toHaveBeenCalledTimes(1);
    fireEvent.click(screen.getByTestId('video-panel-close'));
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('English labels; unknown values as they are; a camera without a stream says so; to-wall and drag carry the camera', () => {
    const camera = videoCameraFromFeature(feature({ name: 'Gate', cam_type: 'thermal', status: 'online', department: null, stream_url: '' }));
    expect(camera).toEqual({ id: '12', name: 'Gate', camType: 'thermal', status: 'online', department: null, url: null });
    const onToWall = vi.fn();
    const { rerender } = render(<VideoPanel camera={camera} locale="en" onClose={() => {}} onToWall={onToWall} />);
    expect(screen.getByTestId('video-panel-type').textContent).toBe('thermal');
    expect(screen.getByTestId('video-panel-status').textContent).toBe('Online');
    expect(screen.getByTestId('video-panel-department').textContent).toBe('—');
    expect(screen.getByTestId('video-panel-player').textContent).toBe('No stream URL');
    expect(screen.queryByTestId('video-panel-to-wall')).toBeNull();

    const withStream = { ...camera, url: 'http://127.0.0.1:9/g.m3u8' };
    rerender(<VideoPanel camera={withStream} locale="en" onClose={() => {}} onToWall={onToWall} player={{ attach: () => ({ destroy() {} }) }} />);
    fireEvent.click(screen.getByTestId('video-panel-to-wall'));
    expect(onToWall).toHaveBeenCalledWith(withStream);
    const data: Record<string, string> = {};
    fireEvent.dragStart(screen.getByRole('heading').parentElement!, { dataTransfer: { setData: (t: string, v: string) => (data[t] = v), effectAllowed: 'none' } });
    expect(JSON.parse(data[CAMERA_DRAG_TYPE]!)).toEqual({ id: '12', name: 'Gate', url: 'http://127.0.0.1:9/g.m3u8' });
  });
});
