import { useCallback, useEffect, useRef, useState } from 'react';
import type { AlarmInfo, Client, FeedStatus, MethodOutput, StationLiveInfo, TopicPayload } from '../../../preload/contract';

/** The most severe open level of one sub-district. */
export type AreaAlarmRollup = MethodOutput<'alarms.list'>['areas'][number];

export interface MonitoringState {
  stations: StationLiveInfo[];
  alarms: AlarmInfo[];
  counts: Record<string, number>;
  /** Worst open level per sub-district, worst first. */
  areas: AreaAlarmRollup[];
  feeds: FeedStatus | null;
  unregistered: number;
  /** Bumped on every stored observation per stream id (charts refresh on it). */
  streamVersions: Record<string, number>;
  reload(): void;
}

/**
 * Live monitoring state for the shell: station readings, open alarms and feed status, refreshed from the host's
 * topics (observations.added, alarms.changed, feeds.changed) — bursts coalesced to one fetch per second — and once a
 * minute so rain windows and trends move on without new data. `onAlarm` sees every alarm change as it arrives.
 */
export function useMonitoring(client: Client, onAlarm: (change: TopicPayload<'alarms.changed'>) => void): MonitoringState {
  const [stations, setStations] = useState<StationLiveInfo[]>([]);
  const [alarms, setAlarms] = useState<AlarmInfo[]>([]);
  const [counts, setCounts] = useState<Record<string, number>>({});
  const [areas, setAreas] = useState<AreaAlarmRollup[]>([]);
  const [feeds, setFeeds] = useState<FeedStatus | null>(null);
  const [unregistered, setUnregistered] = useState(0);
  const [streamVersions, setStreamVersions] = useState<Record<string, number>>({});
  const pending = useRef<number | null>(null);
  const onAlarmRef = useRef(onAlarm);
  onAlarmRef.current = onAlarm;

  const load = useCallback(() => {
    void client
      .call('stations.live', {})
      .then((r) => setStations(r.stations))
      .catch(() => undefined);
    void client
      .call('alarms.list', { open: true })
      .then((r) => {
        setAlarms(r.alarms);
        setCounts(r.counts);
        setAreas(r.areas);
      })
      .catch(() => undefined);
  }, [client]);

  const schedule = useCallback(() => {
    if (pending.current !== null) return;
    pending.current = window.setTimeout(() => {
      pending.current = null;
      load();
    }, 1000);
  }, [load]);

  useEffect(() => {
    load();
    void client
      .call('monitoring.status', {})
      .then((s) => {
        setFeeds(s.feeds);
        setUnregistered(s.unregistered.length);
      })
      .catch(() => undefined);
    const offs = [
      client.subscribe('observations.added', (e) => {
        setStreamVersions((v) => {
          const next = { ...v };
          for (const s of e.streams) next[s.streamId] = (next[s.streamId] ?? 0) + 1;
          return next;
        });
        schedule();
      }),
      client.subscribe('alarms.changed', (e) => {
        onAlarmRef.current(e);
        schedule();
      }),
      client.subscribe('feeds.changed', (f) => {
        setFeeds(f);
        void client
          .call('monitoring.status', {})
          .then((s) => setUnregistered(s.unregistered.length))
          .catch(() => undefined);
      }),
    ];
    const minute = window.setInterval(load, 60_000);
    return () => {
      for (const off of offs) off();
      window.clearInterval(minute);
      if (pending.current !== null) window.clearTimeout(pending.current);
      pending.current = null;
    };
  }, [client, load, schedule]);

  return { stations, alarms, counts, areas, feeds, unregistered, streamVersions, reload: load };
}
