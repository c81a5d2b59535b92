import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { basename, isAbsolute } from 'node:path';
import {
  departmentNames,
  incidentCreateInput,
  incidentStatusLabels,
  incidentTransitions,
  incidentTypeLabels,
  type IncidentDetail,
  type IncidentStatus,
  type IncidentSummary,
  type IncidentType,
  type ResponseLevel,
  type TimelineEntry,
} from '../../../preload/contract/commandMethods';
import { decodeGpkgGeometry } from '../../store/gpkgGeometry';
import type { AuditLog } from '../audit/auditLog';
import type { Actor } from '../auth/actor';
import type { AuthService } from '../auth/authService';
import { CommandError } from '../auth/commandError';
import { requirePermission } from '../auth/requirePermission';
import { activationsOfIncident } from '../plans/activationView';
import { maskIdNumber, maskName, maskPersonalData, maskPhone } from './maskPersonalData';

export interface IncidentOptions {
  now?: () => number;
}

interface IncidentRow {
  id: number;
  code: string;
  title: string;
  type: IncidentType;
  severity: number;
  status: IncidentStatus;
  lon: number;
  lat: number;
  address: string | null;
  department: string;
  origin: 'alarm' | 'map' | 'manual';
  alarm_id: number | null;
  description: string | null;
  reporter_name: string | null;
  reporter_phone: string | null;
  reporter_id_number: string | null;
  created_by: string;
  created_at: number;
  updated_at: number;
  closed_at: number | null;
}

interface TimelineRow {
  id: number;
  at: number;
  user: string;
  role: string;
  kind: string;
  summary_zh: string;
  summary_en: string;
  details: string;
}

const statusText = (s: IncidentStatus) => `${incidentStatusLabels[s].zh} ${s}`;
/** Transitions that need a reason: a false report closed at once (误报) and a relapse (复发). */
const needsReason = (from: IncidentStatus, to: IncidentStatus) => (from === 'reported' && to === 'closed') || (from === 'resolved' && to === 'in_progress');
const DAY_MS = 86_400_000;
const CST_OFFSET_MS = 8 * 3600_000;

/**
 * Incidents (突发事件): opened from an alarm, a map point or by hand; a lifecycle with only the allowed moves; tasks for
 * known users, notes, attachments by reference, and a timeline of everything with who did it. Each change writes its
 * timeline entry and its audit record in the same transaction; a refusal changes nothing. Reporters' personal data is
 * masked for the roles that do not need it, in every output and export.
 */
export class IncidentService {
  private readonly now: () => number;

  constructor(
    private readonly db: Database.Database,
    private readonly audit: AuditLog,
    private readonly auth: AuthService,
    options: IncidentOptions = {},
  ) {
    this.now = options.now ?? Date.now;
  }

  // ---- reads ----

  list(actor: Actor, options: { open?: boolean; limit?: number } = {}): IncidentSummary[] {
    requirePermission(this.audit, actor, 'incidents.list');
    const rows = this.db
      .prepare(`SELECT * FROM inc_incidents ${options.open === false ? '' : `WHERE status <> 'closed'`} ORDER BY severity DESC, updated_at DESC LIMIT ?`)
      .all(options.limit ?? 500) as IncidentRow[];
    return rows.map((r) => this.summary(r));
  }

  get(actor: Actor, id: number): IncidentDetail {
    requirePermission(this.audit, actor, 'incidents.get', `incident:${id}`);
    return this.detail(actor, this.mustRow(id));
  }

  /** CSV of the incidents (UTF-8 with BOM for Excel), reporters masked for the actor's role. */
  exportCsv(actor: Actor, options: { open?: boolean } = {}): string {
    requirePermission(this.audit, actor, 'incidents.list');
    const rows = this.db.prepare(`SELECT * FROM inc_incidents ${options.open ? `WHERE status <> 'closed'` : ''} ORDER BY id`).all() as IncidentRow[];
    const cell = (v: unknown) => {
      const s = v === null || v === undefined ? '' : String(v);
      return /[",\n\r]/.test(s) || /^[=+\-@]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    };
    const header = ['编号 code', '标题 title', '类型 type', '等级 severity', '状态 status', '经度 lon', '纬度 lat', '地址 address', '责任单位 department', '报告人 reporter', '电话 phone', '身份证号 id_number', '创建 created_at'];
    const lines = rows.map((r) => {
      const p = maskPersonalData({ name: r.reporter_name, phone: r.reporter_phone, idNumber: r.reporter_id_number }, actor.role);
      return [r.code, r.title, `${incidentTypeLabels[r.type].zh} ${r.type}`, r.severity, statusText(r.status), r.lon, r.lat, r.address, r.department, p.name, p.phone, p.idNumber, new Date(r.created_at).toISOString()]
        .map(cell)
        .join(',');
    });
    return '\uFEFF' + [header.map(cell).join(','), ...lines].join('\r\n') + '\r\n';
  }

  // ---- changes ----

  create(actor: Actor, raw: unknown): IncidentDetail {
    requirePermission(this.audit, actor, 'incidents.create');
    const parsed = incidentCreateInput.safeParse(raw);
    if (!parsed.success) throw new CommandError('BAD_INPUT', `incidents.create: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(input)'}: ${i.message}`).join('; ')}`);
    const input = parsed.data;
    if (!departmentNames.includes(input.department)) {
      throw new CommandError('BAD_INPUT', `department: '${input.department}' is not a known unit (${departmentNames.join('、')})`);
    }
    let location = input.location ?? null;
    let severity = input.severity ?? null;
    let alarmId: number | null = null;
    if (input.origin === 'alarm') {
      if (input.alarmId === undefined) throw new CommandError('BAD_INPUT', "alarmId: required when origin is 'alarm'");
      const alarm = this.db.prepare(`SELECT id, station_id, severity, level FROM mon_alarms WHERE id = ?`).get(input.alarmId) as
        | { id: number; station_id: string | null; severity: number; level: string }
        | undefined;
      if (!alarm) throw new CommandError('NOT_FOUND', `alarmId: no alarm ${input.alarmId}`);
      alarmId = alarm.id;
      severity ??= Math.min(4, Math.max(1, alarm.severity));
      location ??= alarm.station_id ? this.stationLocation(alarm.station_id) : null;
      if (!location) throw new CommandError('BAD_INPUT', `location: alarm ${alarm.id} has no station with a position; give [lon, lat]`);
    } else {
      if (input.alarmId !== undefined) throw new CommandError('BAD_INPUT', `alarmId: only for origin 'alarm' (origin is '${input.origin}')`);
      if (!location) throw new CommandError('BAD_INPUT', `location: required for origin '${input.origin}' ([lon, lat])`);
    }
    const reporter = { name: input.reporter?.name || null, phone: input.reporter?.phone || null, idNumber: input.reporter?.idNumber?.toUpperCase() || null };
    const at = this.now();
    return this.db.transaction(() => {
      const code = this.nextCode(at);
      const info = this.db
        .prepare(
          `INSERT INTO inc_incidents (code, title, type, severity, status, lon, lat, address, department, origin, alarm_id, description,
             reporter_name, reporter_phone, reporter_id_number, created_by, created_at, updated_at)
           VALUES (?, ?, ?, ?, 'reported', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(code, input.title, input.type, severity ?? 2, location![0], location![1], input.address || null, input.department, input.origin, alarmId, input.description || null, reporter.name, reporter.phone, reporter.idNumber, actor.username, at, at);
      const id = Number(info.lastInsertRowid);
      const details = {
        code,
        type: input.type,
        severity: severity ?? 2,
        origin: input.origin,
        alarmId,
        location,
        department: input.department,
        // The audit keeps who reported, never the personal data itself.
        reporter: { name: reporter.name && maskName(reporter.name), phone: reporter.phone && maskPhone(reporter.phone), idNumber: reporter.idNumber && maskIdNumber(reporter.idNumber) },
      };
      this.recordTimeline(id, actor, 'created', { zh: `${actor.username} 创建事件 ${code}（${incidentTypeLabels[input.type].zh}）`, en: `${actor.username} created incident ${code} (${input.type})` }, details);
      this.audit.append(actor, 'incidents.create', `incident:${id}`, details);
      return this.detail(actor, this.mustRow(id));
    })();
  }

  transition(actor: Actor, id: number, to: IncidentStatus, reason?: string): IncidentDetail {
    requirePermission(this.audit, actor, 'incidents.transition', `incident:${id}`);
    const r = this.mustRow(id);
    const allowed = incidentTransitions[r.status];
    if (!allowed.includes(to)) {
      throw new CommandError(
        'BAD_INPUT',
        `to: incident ${r.code} cannot go from ${statusText(r.status)} to ${statusText(to)} (allowed from ${r.status}: ${allowed.length ? allowed.join(', ') : 'none, it is closed'})`,
      );
    }
    if (to === 'closed' && actor.role !== 'commander') {
      const why = `结案须由指挥长执行 / incidents.transition: closing is the commander's (role '${actor.role}')`;
      this.audit.append(actor, 'denied', `incident:${id}`, { method: 'incidents.transition', to, reason: why });
      throw new CommandError('UNAUTHORIZED', why);
    }
    const why = reason?.trim() || null;
    if (needsReason(r.status, to) && !why) throw new CommandError('BAD_INPUT', `reason: required to go from ${r.status} to ${to} (${to === 'closed' ? '误报 false report' : '复发 relapse'})`);
    if (to === 'resolved') {
      const open = this.db.prepare(`SELECT id, title FROM inc_tasks WHERE incident_id = ? AND done = 0 ORDER BY id`).all(id) as { id: number; title: string }[];
      if (open.length) throw new CommandError('BAD_INPUT', `to: incident ${r.code} still has open tasks (${open.map((t) => `#${t.id} ${t.title}`).join('; ')}): finish them before resolved`);
    }
    const at = this.now();
    return this.db.transaction(() => {
      this.db.prepare(`UPDATE inc_incidents SET status = ?, updated_at = ?, closed_at = ? WHERE id = ?`).run(to, at, to === 'closed' ? at : null, id);
      const details = { from: r.status, to, reason: why };
      this.recordTimeline(id, actor, 'transition', { zh: `${actor.username}：${incidentStatusLabels[r.status].zh} → ${incidentStatusLabels[to].zh}${why ? `（${why}）` : ''}`, en: `${actor.username}: ${r.status} → ${to}${why ? ` (${why})` : ''}` }, details);
      this.audit.append(actor, 'incidents.transition', `incident:${id}`, details);
      if (to === 'closed') this.endActivations(actor, id, at);
      return this.detail(actor, this.mustRow(id));
    })();
  }

  addTask(actor: Actor, id: number, task: { title: string; assignee: string; dueAt?: number | null }): IncidentDetail {
    requirePermission(this.audit, actor, 'incidents.addTask', `incident:${id}`);
    this.mustOpenRow(id);
    const title = task.title?.trim();
    if (!title) throw new CommandError('BAD_INPUT', 'title: must not be empty');
    if (!this.auth.isActiveUser(task.assignee)) throw new CommandError('BAD_INPUT', `assignee: '${task.assignee}' is not a known, enabled user`);
    if (task.dueAt !== undefined && task.dueAt !== null && !Number.isInteger(task.dueAt)) throw new CommandError('BAD_INPUT', 'dueAt: epoch milliseconds');
    const at = this.now();
    return this.db.transaction(() => {
      const taskId = Number(
        this.db
          .prepare(`INSERT INTO inc_tasks (incident_id, title, assignee, due_at, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)`)
          .run(id, title, task.assignee, task.dueAt ?? null, actor.username, at).lastInsertRowid,
      );
      const details = { taskId, title, assignee: task.assignee, dueAt: task.dueAt ?? null };
      this.recordTimeline(id, actor, 'task.added', { zh: `${actor.username} 派发任务“${title}”给 ${task.assignee}`, en: `${actor.username} assigned “${title}” to ${task.assignee}` }, details);
      this.audit.append(actor, 'incidents.addTask', `incident:${id}`, details);
      this.touch(id, at);
      return this.detail(actor, this.mustRow(id));
    })();
  }

  setTaskDone(actor: Actor, id: number, taskId: number, done: boolean): IncidentDetail {
    requirePermission(this.audit, actor, 'incidents.setTaskDone', `incident:${id}`);
    this.mustOpenRow(id);
    const t = this.db.prepare(`SELECT id, title, done FROM inc_tasks WHERE id = ? AND incident_id = ?`).get(taskId, id) as { id: number; title: string; done: number } | undefined;
    if (!t) throw new CommandError('NOT_FOUND', `taskId: no task ${taskId} in incident ${id}`);
    if ((t.done === 1) === done) throw new CommandError('BAD_INPUT', `done: task ${taskId} is already ${done ? 'done' : 'not done'}`);
    const at = this.now();
    return this.db.transaction(() => {
      this.db.prepare(`UPDATE inc_tasks SET done = ?, done_at = ?, done_by = ? WHERE id = ?`).run(done ? 1 : 0, done ? at : null, done ? actor.username : null, taskId);
      const details = { taskId, title: t.title, done };
      this.recordTimeline(id, actor, done ? 'task.done' : 'task.reopened', { zh: `${actor.username} ${done ? '完成' : '重开'}任务“${t.title}”`, en: `${actor.username} ${done ? 'completed' : 'reopened'} “${t.title}”` }, details);
      this.audit.append(actor, 'incidents.setTaskDone', `incident:${id}`, details);
      this.touch(id, at);
      return this.detail(actor, this.mustRow(id));
    })();
  }

  addNote(actor: Actor, id: number, text: string): IncidentDetail {
    requirePermission(this.audit, actor, 'incidents.addNote', `incident:${id}`);
    this.mustOpenRow(id);
    const body = text?.trim();
    if (!body) throw new CommandError('BAD_INPUT', 'text: must not be empty');
    if (body.length > 4000) throw new CommandError('BAD_INPUT', 'text: at most 4000 characters');
    const at = this.now();
    return this.db.transaction(() => {
      const noteId = Number(this.db.prepare(`INSERT INTO inc_notes (incident_id, at, author, text) VALUES (?, ?, ?, ?)`).run(id, at, actor.username, body).lastInsertRowid);
      this.recordTimeline(id, actor, 'note', { zh: `${actor.username} 添加备注`, en: `${actor.username} added a note` }, { noteId, length: body.length });
      this.audit.append(actor, 'incidents.addNote', `incident:${id}`, { noteId, length: body.length });
      this.touch(id, at);
      return this.detail(actor, this.mustRow(id));
    })();
  }

  /** Records a file by reference (absolute path, SHA-256, size); the file itself stays where it is. */
  async addAttachment(actor: Actor, id: number, path: string): Promise<IncidentDetail> {
    requirePermission(this.audit, actor, 'incidents.addAttachment', `incident:${id}`);
    this.mustOpenRow(id);
    if (!isAbsolute(path)) throw new CommandError('BAD_INPUT', `path: '${path}' is not an absolute path`);
    let size: number;
    try {
      const st = statSync(path);
      if (!st.isFile()) throw new Error('not a regular file');
      size = st.size;
    } catch (e) {
      throw new CommandError('BAD_INPUT', `path: ${path}: ${(e as Error).message}`);
    }
    const sha256 = await new Promise<string>((resolve, reject) => {
      const h = createHash('sha256');
      createReadStream(path)
        .on('data', (c) => h.update(c))
        .on('end', () => resolve(h.digest('hex')))
        .on('error', (e) => reject(new CommandError('BAD_INPUT', `path: ${path}: ${e.message}`)));
    });
    this.mustOpenRow(id);
    const at = this.now();
    return this.db.transaction(() => {
      const name = basename(path);
      const attachmentId = Number(
        this.db.prepare(`INSERT INTO inc_attachments (incident_id, name, path, sha256, size, added_by, added_at) VALUES (?, ?, ?, ?, ?, ?, ?)`).run(id, name, path, sha256, size, actor.username, at)
          .lastInsertRowid,
      );
      const details = { attachmentId, name, path, sha256, size };
      this.recordTimeline(id, actor, 'attachment', { zh: `${actor.username} 添加附件 ${name}`, en: `${actor.username} attached ${name}` }, details);
      this.audit.append(actor, 'incidents.addAttachment', `incident:${id}`, details);
      this.touch(id, at);
      return this.detail(actor, this.mustRow(id));
    })();
  }

  // ---- shared with plans ----

  /** The incident row, or NOT_FOUND naming the id. */
  mustRow(id: number): IncidentRow {
    const r = this.db.prepare(`SELECT * FROM inc_incidents WHERE id = ?`).get(id) as IncidentRow | undefined;
    if (!r) throw new CommandError('NOT_FOUND', `id: no incident ${id}`);
    return r;
  }

  /** As mustRow, refusing a closed incident. */
  mustOpenRow(id: number): IncidentRow {
    const r = this.mustRow(id);
    if (r.status === 'closed') throw new CommandError('BAD_INPUT', `id: incident ${r.code} is closed (已结案): no further changes`);
    return r;
  }

  /** Appends a timeline entry; call inside the transaction of the change. */
  recordTimeline(incidentId: number, actor: Actor, kind: string, summary: { zh: string; en: string }, details: Record<string, unknown>): void {
    this.db
      .prepare(`INSERT INTO inc_timeline (incident_id, at, user, role, kind, summary_zh, summary_en, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(incidentId, this.now(), actor.username, actor.role, kind, summary.zh, summary.en, JSON.stringify(details));
  }

  touch(id: number, at = this.now()): void {
    this.db.prepare(`UPDATE inc_incidents SET updated_at = ? WHERE id = ?`).run(at, id);
  }

  detail(actor: Actor, r: IncidentRow): IncidentDetail {
    const reporter = maskPersonalData({ name: r.reporter_name, phone: r.reporter_phone, idNumber: r.reporter_id_number }, actor.role);
    const tasks = this.db.prepare(`SELECT * FROM inc_tasks WHERE incident_id = ? ORDER BY id`).all(r.id) as {
      id: number;
      title: string;
      assignee: string;
      due_at: number | null;
      done: number;
      done_at: number | null;
      done_by: string | null;
      created_by: string;
      created_at: number;
    }[];
    const notes = this.db.prepare(`SELECT id, at, author, text FROM inc_notes WHERE incident_id = ? ORDER BY id`).all(r.id) as IncidentDetail['notes'];
    const attachments = this.db
      .prepare(`SELECT id, name, path, sha256, size, added_by AS addedBy, added_at AS addedAt FROM inc_attachments WHERE incident_id = ? ORDER BY id`)
      .all(r.id) as IncidentDetail['attachments'];
    return {
      ...this.summary(r),
      description: r.description,
      reporter,
      tasks: tasks.map((t) => ({ id: t.id, title: t.title, assignee: t.assignee, dueAt: t.due_at, done: t.done === 1, doneAt: t.done_at, doneBy: t.done_by, createdBy: t.created_by, createdAt: t.created_at })),
      notes,
      attachments,
      timeline: this.timeline(r.id),
      activations: activationsOfIncident(this.db, r.id),
    };
  }

  timeline(incidentId: number): TimelineEntry[] {
    return (this.db.prepare(`SELECT * FROM inc_timeline WHERE incident_id = ? ORDER BY id`).all(incidentId) as TimelineRow[]).map((t) => ({
      id: t.id,
      at: t.at,
      user: t.user,
      role: t.role,
      kind: t.kind,
      summary: { zh: t.summary_zh, en: t.summary_en },
      details: JSON.parse(t.details) as Record<string, unknown>,
    }));
  }

  // ---- internals ----

  private summary(r: IncidentRow): IncidentSummary {
    const openTasks = (this.db.prepare(`SELECT count(*) AS n FROM inc_tasks WHERE incident_id = ? AND done = 0`).get(r.id) as { n: number }).n;
    const activePlans = this.db.prepare(`SELECT plan_id AS planId, level FROM plan_activations WHERE incident_id = ? AND state = 'active' ORDER BY id`).all(r.id) as {
      planId: string;
      level: ResponseLevel;
    }[];
    return {
      id: r.id,
      code: r.code,
      title: r.title,
      type: r.type,
      severity: r.severity,
      status: r.status,
      location: [r.lon, r.lat],
      address: r.address,
      department: r.department,
      origin: r.origin,
      alarmId: r.alarm_id,
      createdBy: r.created_by,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      closedAt: r.closed_at,
      openTasks,
      activePlans,
    };
  }

  /** MJ-YYYYMMDD-NNN, the date in China Standard Time. */
  private nextCode(at: number): string {
    const day = new Date(Math.floor((at + CST_OFFSET_MS) / DAY_MS) * DAY_MS).toISOString().slice(0, 10).replace(/-/g, '');
    const prefix = `MJ-${day}-`;
    const n = (this.db.prepare(`SELECT count(*) AS n FROM inc_incidents WHERE code LIKE ?`).get(`${prefix}%`) as { n: number }).n;
    return `${prefix}${String(n + 1).padStart(3, '0')}`;
  }

  private stationLocation(stationId: string): [number, number] | null {
    const hasLayer = this.db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'flood_stations'`).get();
    if (!hasLayer) return null;
    const row = this.db.prepare(`SELECT geom FROM flood_stations WHERE station_code = ? OR external_id = ? LIMIT 1`).get(stationId, stationId) as { geom: Uint8Array | null } | undefined;
    const g = row?.geom ? decodeGpkgGeometry(row.geom) : null;
    if (!g || g.type !== 'Point') return null;
    const [lon, lat] = g.coordinates as number[];
    return typeof lon === 'number' && typeof lat === 'number' ? [lon, lat] : null;
  }

  /** Closing an incident ends its running plan responses; each end is in the timeline and the audit. */
  private endActivations(actor: Actor, incidentId: number, at: number): void {
    const running = this.db.prepare(`SELECT id, plan_id, level FROM plan_activations WHERE incident_id = ? AND state = 'active'`).all(incidentId) as { id: number; plan_id: string; level: ResponseLevel }[];
    for (const a of running) {
      this.db.prepare(`UPDATE plan_activations SET state = 'ended', updated_at = ? WHERE id = ?`).run(at, a.id);
      const details = { activationId: a.id, planId: a.plan_id, level: a.level };
      this.recordTimeline(incidentId, actor, 'plan.ended', { zh: `事件结案，预案 ${a.plan_id} 响应终止（${a.level}级）`, en: `incident closed: plan ${a.plan_id} response ended (level ${a.level})` }, details);
      this.audit.append(actor, 'plans.end', `incident:${incidentId}`, details);
    }
  }
}
