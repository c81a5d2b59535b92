import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AlarmInfo, Client } from '../../../../../preload/contract';
import { AlarmCenter } from '../../../../../renderer/panels/monitoring/AlarmCenter';

afterEach(cleanup);

const alarm = (over: Partial<AlarmInfo>): AlarmInfo => ({
  id: 1,
  ruleId: 'default:0061100001:level',
  ruleKind: 'level',
  streamId: 'sl651:0061100001:Z',
  stationId: '0061100001',
  stationName: '百二河站',
  lon: 110.79,
  lat: 32.62,
  unit: 'm',
  level: '保证',
  severity: 4,
  state: 'active',
  raisedAt: Date.UTC(2026, 6, 1, 2),
  updatedAt: Date.UTC(2026, 6, 1, 2),
  value: 231.42,
  ackBy: null,
  ackAt: null,
  snoozeUntil: null,
  snoozeReason: null,
  clearedAt: null,
  ...over,
});

describe('AlarmCenter', () => {
  it('shows counts, the district roll-up by sub-district (worst level first), and acknowledges through the contract', async () => {
    const call = vi.fn(() => Promise.resolve({}));
    const onChanged = vi.fn();
    render(
      <AlarmCenter
        client={{ call } as unknown as Client}
        locale="zh-CN"
        alarms={[alarm({}), alarm({ id: 2, stationId: '0061300001', stationName: '雨量站', level: '黄', severity: 2, ruleKind: 'accumulated_rain', value: 35, unit: 'mm' })]}
        counts={{ '4': 1, '2': 1 }}
        areas={[
          { area: '武当路街道', level: '保证', severity: 4, stations: 1 },
          { area: null, level: '黄', severity: 2, stations: 1 },
        ]}
        muted={false}
        onMute={() => {}}
        onLocate={() => {}}
        onChanged={onChanged}
      />,
    );
    expect(screen.getByTestId('alarm-count-4').textContent).toBe('红 1');
    const chips = within(screen.getByTestId('alarm-areas')).getAllByTestId('alarm-area').map((c) => c.textContent);
    expect(chips).toEqual(['保证 武当路街道 · 1 站', '黄 未定位 · 1 站']);
    fireEvent.click(screen.getByTestId('alarm-ack-1'));
    expect(call).toHaveBeenCalledWith('alarms.acknowledge', { id: 1 });
    await vi.waitFor(() => expect(onChanged).toHaveBeenCalled());
  });

  it('no roll-up row without open alarms', () => {
    render(<AlarmCenter client={{} as Client} locale="en" alarms={[]} counts={{}} areas={[]} muted onMute={() => {}} onLocate={() => {}} onChanged={() => {}} />);
    expect(screen.getByText('No active alarms')).toBeTruthy();
    expect(screen.queryByTestId('alarm-areas')).toBeNull();
  });
});
