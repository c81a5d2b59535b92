import type Database from 'better-sqlite3';
import type { MonitoringService } from '../monitoring/monitoringService';
import type { AlarmTransition, RuleLevel } from '../monitoring/monitoringTypes';
import { CameraAnalysisError } from './cameraAnalysisError';
import type { CameraStatus, CameraStatusTransition } from './cameraHealth';

/** Element id of a camera status stream (not an SL651 element). */
export const CAMERA_STATUS_ELEMENT = 'CAMST';
/** Stream values: online 1, offline 0, fault −1 (a camera that left the layer reads as 1, clearing its alarm). */
export const cameraStatusValue: Readonly<Record<CameraStatus, number>> = { online: 1, offline: 0, fault: -1 };
/** Low-severity levels of the camera offline rule, mildest first ('below': a value at or under the line). */
export const cameraOfflineLevels: readonly RuleLevel[] = [
  { name: '离线 Offline', severity: 1, threshold: 0.5 },
  { name: '故障 Fault', severity: 1, threshold: -0.5 },
];

export const cameraStatusStreamId = (cameraId: string) => `camera:${cameraId}:status`;
export const cameraOfflineRuleId = (cameraId: string) => `camera-offline:${cameraId}`;

/**
 * Turns camera status transitions into monitoring alarms without touching the monitoring service: each camera gets a
 * status stream (`camera:<id>:status`, element CAMST) and, once, a 'level' rule `camera-offline:<id>` (direction
 * below, severity 1: 离线 at ≤ 0.5, 故障 at ≤ −0.5). A transition stores one point at `at`, so going offline raises a
 * low-severity alarm, a fault escalates it, coming back online (or leaving the layer) clears it, and every step is in
 * the alarm log. A rule an operator changed (e.g. disabled) is kept as it is. All in one transaction; the monitoring
 * events go out after the commit. `at` must grow per camera: monitoring ignores a point not newer than the last.
 */
export class CameraStatusAlarms {
  constructor(
    private readonly db: Database.Database,
    private readonly monitoring: MonitoringService,
  ) {}

  apply(transitions: readonly CameraStatusTransition[], at: number): AlarmTransition[] {
    if (!Number.isSafeInteger(at)) throw new CameraAnalysisError('BAD_INPUT', `camera status alarms: at ${String(at)} is not an epoch-ms integer`);
    const m = this.monitoring;
    try {
      const out = this.db.transaction(() => {
        const changes: AlarmTransition[] = [];
        for (const t of transitions) {
          if (!t.cameraId) throw new CameraAnalysisError('BAD_INPUT', `camera status alarms: a transition has no cameraId`);
          const streamId = cameraStatusStreamId(t.cameraId);
          const ruleId = cameraOfflineRuleId(t.cameraId);
          m.series.ensureStream({ id: streamId, name: `${t.name ?? t.cameraId} 在线状态 Online status`, unit: null, stationId: null, element: CAMERA_STATUS_ELEMENT, source: 'cameras' });
          if (!m.rule(ruleId)) {
            m.upsertRule({ id: ruleId, streamId, stationId: null, kind: 'level', direction: 'below', levels: [...cameraOfflineLevels], hysteresis: 0, origin: 'camera-health' });
          }
          const value = t.to === null ? cameraStatusValue.online : cameraStatusValue[t.to];
          const result = m.ingest(streamId, [{ ts: at, value }]);
          if (result.rejected.length) throw new CameraAnalysisError('BAD_INPUT', `camera ${t.cameraId}: status point refused (${result.rejected[0]!.reason})`);
          changes.push(...result.transitions);
        }
        return changes;
      })();
      m.flushEvents();
      return out;
    } catch (err) {
      m.discardEvents();
      throw err;
    }
  }
}
