// Types of the monitoring service (thresholds, alarms, alarm log). Plain JSON data; times are epoch milliseconds.

import type { TsPoint } from '../../store/timeSeriesRepository';

/**
 * level: the value against each line. rate_of_rise: rise in units per hour over the rule's window (oldest point in the
 * window to the new point). accumulated_rain: sum of the increments over each level's own window (1/3/6/12/24 h).
 * silence: minutes since the station's (or stream's) last report; evaluated by checkSilence(now).
 */
export type RuleKind = 'level' | 'rate_of_rise' | 'accumulated_rain' | 'silence';
export type RuleDirection = 'above' | 'below';

export interface RuleLevel {
  /** 蓝/黄/橙/红 or 汛限/警戒/保证 (or any name). */
  name: string;
  /** 1 (mildest) … 4 (most severe); used by rollup. */
  severity: number;
  /** The line: a value (level), units per hour (rate_of_rise), mm (accumulated_rain) or minutes (silence). */
  threshold: number;
  /** accumulated_rain: this level's window in minutes (falls back to the rule's window, then 60). */
  windowMinutes?: number | null;
}

export interface MonitoringRuleInput {
  /** Generated from stream and kind when omitted. */
  id?: string;
  streamId: string;
  stationId?: string | null;
  kind: RuleKind;
  direction?: RuleDirection;
  /** Ordered from the mildest to the most severe. */
  levels: RuleLevel[];
  /** A raised level clears only when the value is below line − hysteresis (above line + hysteresis for 'below'). */
  hysteresis?: number;
  /** rate_of_rise window (default 60) or the default accumulated_rain window. */
  windowMinutes?: number | null;
  enabled?: boolean;
  /** 'user', 'demo-default', … */
  origin?: string;
}

export interface MonitoringRule {
  id: string;
  streamId: string;
  stationId: string | null;
  kind: RuleKind;
  direction: RuleDirection;
  levels: RuleLevel[];
  hysteresis: number;
  windowMinutes: number | null;
  enabled: boolean;
  origin: string;
  /** Observation time of the newest point the rule has evaluated; older (late) points are stored but not re-alarmed. */
  lastEvalTs: number | null;
}

export type AlarmState = 'active' | 'acknowledged' | 'snoozed' | 'cleared';

export interface Alarm {
  id: number;
  ruleId: string;
  streamId: string;
  stationId: string | null;
  level: string;
  severity: number;
  state: AlarmState;
  /** Observation time of the first crossing. */
  raisedAt: number;
  updatedAt: number;
  /** The value (metric) at the last level change. */
  value: number | null;
  ackBy: string | null;
  ackAt: number | null;
  snoozeUntil: number | null;
  snoozeReason: string | null;
  clearedAt: number | null;
}

export type AlarmAction = 'raise' | 'escalate' | 'deescalate' | 'clear' | 'acknowledge' | 'snooze' | 'unsnooze' | 'reject';

export interface AlarmLogEntry {
  id: number;
  /** Wall-clock time the entry was written. */
  at: number;
  /** Observation time the entry is about (crossings, rejections); null for operator actions. */
  ts: number | null;
  alarmId: number | null;
  ruleId: string | null;
  streamId: string | null;
  stationId: string | null;
  action: AlarmAction;
  fromLevel: string | null;
  toLevel: string | null;
  value: number | null;
  /** 'system' or the operator. */
  actor: string;
  reason: string | null;
}

/** A level change of one alarm (raise, escalate, de-escalate, clear) or an operator action. */
export interface AlarmTransition {
  action: AlarmAction;
  alarm: Alarm;
  fromLevel: string | null;
  toLevel: string | null;
}

export interface RejectedPoint extends TsPoint {
  reason: string;
}

export interface MonitoringIngestResult {
  streamId: string;
  accepted: TsPoint[];
  rejected: RejectedPoint[];
  inserted: number;
  updated: number;
  transitions: AlarmTransition[];
}

export type MonitoringEvent =
  | { type: 'alarm'; transition: AlarmTransition }
  | { type: 'rejected'; streamId: string; stationId: string | null; point: RejectedPoint };

export interface StationRollup {
  stationId: string;
  name: string | null;
  area: string | null;
  level: string;
  severity: number;
  openAlarms: number;
}

export interface AreaRollup {
  /** Sub-district name from the station's props (subdistrict/area), null when unknown. */
  area: string | null;
  level: string;
  severity: number;
  stations: number;
}

export interface MonitoringRollup {
  stations: StationRollup[];
  areas: AreaRollup[];
}
