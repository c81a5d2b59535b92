import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { incidentDetailSchema } from '../../../../../preload/contract/commandMethods';
import { verifyAudit } from '../../../../../main/services/audit/verifyAudit';
import { encodeGpkgGeometry } from '../../../../../main/store/gpkgGeometry';
import { auditCount, commandTestStore, snapshot, T0, type CommandTestStore } from '../auth/commandTestStore';

let t: CommandTestStore;
beforeEach(() => {
  t = commandTestStore({ plans: false });
});
afterEach(() => t.cleanup());

const reporter = { name: '张三', phone: '13812345678', idNumber: '420302199001011234' };
const manual = {
  origin: 'manual' as const,
  type: 'waterlogging' as const,
  title: '五堰街道人民北路积水',
  location: [110.8, 32.63] as [number, number],
  department: '区住建局',
  severity: 2,
  reporter,
};

function insertAlarm(): number {
  const db = t.store.db;
  db.prepare(`INSERT INTO flood_stations (external_id, name, station_type, station_code, geom) VALUES ('fs1', '百二河站', 'river', '61801234', ?)`).run(
    encodeGpkgGeometry({ type: 'Point', coordinates: [110.791, 32.618] }),
  );
  db.prepare(`INSERT INTO mon_rules (id, stream_id, station_id, kind, levels) VALUES ('r1', 'sl651:61801234:Z', '61801234', 'level', '[]')`).run();
  return Number(
    db
      .prepare(`INSERT INTO mon_alarms (rule_id, stream_id, station_id, level, severity, state, raised_at, updated_at, value) VALUES ('r1', 'sl651:61801234:Z', '61801234', '保证', 4, 'active', ?, ?, 251.3)`)
      .run(T0, T0).lastInsertRowid,
  );
}

describe('IncidentService: creating', () => {
  it('by hand: code, status reported, timeline and audit with the user; output fits the contract', () => {
    const d = t.incidents.create(t.actors.operator, manual);
    expect(incidentDetailSchema.parse(d)).toEqual(d);
    expect(d).toMatchObject({ code: 'MJ-20260720-001', status: 'reported', type: 'waterlogging', severity: 2, location: [110.8, 32.63], createdBy: 'operator1', reporter: { ...reporter, unmasked: true } });
    expect(d.timeline).toMatchObject([{ kind: 'created', user: 'operator1', role: 'operator' }]);
    const a = t.audit.list().at(-1)!;
    expect(a).toMatchObject({ action: 'incidents.create', user: 'operator1', target: `incident:${d.id}` });
    // the audit keeps the reporter masked
    expect(a.details.reporter).toEqual({ name: '张*', phone: '138****5678', idNumber: '4203**********1234' });
    expect(t.incidents.create(t.actors.commander, { ...manual, origin: 'map' }).code).toBe('MJ-20260720-002');
  });

  it('from an alarm: its severity and its station position', () => {
    const alarmId = insertAlarm();
    const d = t.incidents.create(t.actors.operator, { origin: 'alarm', alarmId, type: 'flood', title: '百二河超保证水位', department: '区水利和湖泊局' });
    expect(d).toMatchObject({ origin: 'alarm', alarmId, severity: 4, location: [110.791, 32.618] });
    expect(() => t.incidents.create(t.actors.operator, { origin: 'alarm', alarmId: 999, type: 'flood', title: 'x', department: '区水利和湖泊局' })).toThrow(/alarmId: no alarm 999/);
  });

  it('refuses bad input naming the field, and changes nothing', () => {
    const before = snapshot(t.store);
    const n = auditCount(t.store);
    expect(() => t.incidents.create(t.actors.operator, { ...manual, department: '区宣传部' })).toThrow(/department: '区宣传部' is not a known unit/);
    expect(() => t.incidents.create(t.actors.operator, { ...manual, location: undefined })).toThrow(/location: required for origin 'manual'/);
    expect(() => t.incidents.create(t.actors.operator, { ...manual, type: 'earthquake' })).toThrow(/type: /);
    expect(() => t.incidents.create(t.actors.operator, { ...manual, reporter: { idNumber: '12345' } })).toThrow(/reporter\.idNumber/);
    expect(() => t.incidents.create(t.actors.operator, { ...manual, origin: 'alarm' })).toThrow(/alarmId: required when origin is 'alarm'/);
    expect(snapshot(t.store)).toBe(before);
    expect(auditCount(t.store)).toBe(n);
  });

  it('several incidents are open at once; list hides closed ones unless asked', () => {
    t.incidents.create(t.actors.operator, manual);
    t.incidents.create(t.actors.operator, { ...manual, type: 'traffic', department: '公安茅箭分局', severity: 3 });
    expect(t.incidents.list(t.actors.viewer).map((i) => i.type)).toEqual(['traffic', 'waterlogging']);
  });
});

describe('IncidentService: lifecycle', () => {
  it('walks reported → verified → dispatched → in_progress → resolved → closed, each step in timeline and audit', () => {
    const { id } = t.incidents.create(t.actors.operator, manual);
    for (const to of ['verified', 'dispatched', 'in_progress', 'resolved'] as const) {
      t.clock.now += 60_000;
      t.incidents.transition(t.actors.operator, id, to);
    }
    const closed = t.incidents.transition(t.actors.commander, id, 'closed');
    expect(closed).toMatchObject({ status: 'closed', closedAt: t.clock.now });
    expect(closed.timeline.map((e) => `${e.kind}:${e.user}:${(e.details as { to?: string }).to ?? ''}`)).toEqual([
      'created:operator1:',
      'transition:operator1:verified',
      'transition:operator1:dispatched',
      'transition:operator1:in_progress',
      'transition:operator1:resolved',
      'transition:commander1:closed',
    ]);
    expect(t.audit.list({ target: `incident:${id}` }).map((e) => e.action)).toEqual(['incidents.create', ...Array(5).fill('incidents.transition')]);
    expect(() => t.incidents.addNote(t.actors.operator, id, 'late')).toThrow(/is closed \(已结案\)/);
  });

  it('refuses a transition that is not allowed, naming from and to, and changes nothing', () => {
    const { id, code } = t.incidents.create(t.actors.operator, manual);
    const before = snapshot(t.store);
    const n = auditCount(t.store);
    expect(() => t.incidents.transition(t.actors.operator, id, 'resolved')).toThrow(`to: incident ${code} cannot go from 已上报 reported to 已处置 resolved (allowed from reported: verified, closed)`);
    expect(() => t.incidents.transition(t.actors.commander, id, 'closed')).toThrow(/reason: required to go from reported to closed \(误报 false report\)/);
    expect(() => t.incidents.transition(t.actors.operator, id, 'reported')).toThrow(/cannot go from 已上报 reported to 已上报 reported/);
    expect(snapshot(t.store)).toBe(before);
    expect(auditCount(t.store)).toBe(n);
    expect(t.incidents.transition(t.actors.commander, id, 'closed', '误报：现场无积水').status).toBe('closed');
    expect(() => t.incidents.transition(t.actors.commander, id, 'in_progress')).toThrow(/allowed from closed: none, it is closed/);
  });

  it('closing is the commander’s; an operator’s attempt is refused and audited', () => {
    const { id } = t.incidents.create(t.actors.operator, manual);
    for (const to of ['verified', 'dispatched', 'in_progress', 'resolved'] as const) t.incidents.transition(t.actors.operator, id, to);
    const before = snapshot(t.store);
    expect(() => t.incidents.transition(t.actors.operator, id, 'closed')).toThrow(/closing is the commander's/);
    expect(snapshot(t.store)).toBe(before);
    expect(t.audit.list().at(-1)).toMatchObject({ action: 'denied', user: 'operator1', target: `incident:${id}` });
  });
});

describe('IncidentService: tasks, notes, attachments', () => {
  it('tasks go to known users; an unknown or disabled assignee is refused and nothing changes', () => {
    const { id } = t.incidents.create(t.actors.operator, manual);
    const before = snapshot(t.store);
    expect(() => t.incidents.addTask(t.actors.operator, id, { title: '抽排积水', assignee: 'ghost' })).toThrow("assignee: 'ghost' is not a known, enabled user");
    t.auth.setDisabled(t.actors.admin, 'viewer1', true);
    const afterDisable = snapshot(t.store);
    expect(before).not.toBe(afterDisable);
    expect(() => t.incidents.addTask(t.actors.operator, id, { title: '抽排积水', assignee: 'viewer1' })).toThrow(/'viewer1' is not a known, enabled user/);
    expect(snapshot(t.store)).toBe(afterDisable);

    const due = T0 + 3600_000;
    const d = t.incidents.addTask(t.actors.operator, id, { title: '抽排积水', assignee: 'commander1', dueAt: due });
    const task = d.tasks[0]!;
    expect(task).toMatchObject({ title: '抽排积水', assignee: 'commander1', dueAt: due, done: false, createdBy: 'operator1' });
    for (const to of ['verified', 'dispatched', 'in_progress'] as const) t.incidents.transition(t.actors.operator, id, to);
    expect(() => t.incidents.transition(t.actors.operator, id, 'resolved')).toThrow(/still has open tasks \(#\d+ 抽排积水\)/);
    const done = t.incidents.setTaskDone(t.actors.commander, id, task.id, true);
    expect(done.tasks[0]).toMatchObject({ done: true, doneBy: 'commander1', doneAt: T0 });
    expect(() => t.incidents.setTaskDone(t.actors.commander, id, task.id, true)).toThrow(/already done/);
    expect(() => t.incidents.setTaskDone(t.actors.commander, id, 9999, true)).toThrow(/taskId: no task 9999/);
    expect(t.incidents.transition(t.actors.operator, id, 'resolved').timeline.map((e) => e.kind)).toContain('task.done');
  });

  it('notes and attachments (by reference: path, SHA-256, size)', async () => {
    const { id } = t.incidents.create(t.actors.operator, manual);
    t.incidents.addNote(t.actors.operator, id, '现场积水约30厘米，已设置警示');
    const file = join(t.dir, '现场照片.jpg');
    writeFileSync(file, 'abc');
    const d = await t.incidents.addAttachment(t.actors.operator, id, file);
    expect(d.notes).toMatchObject([{ author: 'operator1', text: '现场积水约30厘米，已设置警示' }]);
    expect(d.attachments).toMatchObject([{ name: '现场照片.jpg', path: file, size: 3, sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad', addedBy: 'operator1' }]);
    await expect(t.incidents.addAttachment(t.actors.operator, id, join(t.dir, 'missing.jpg'))).rejects.toThrow(/path: .*missing\.jpg: ENOENT/);
    await expect(t.incidents.addAttachment(t.actors.operator, id, 'relative.jpg')).rejects.toThrow(/not an absolute path/);
    expect(d.timeline.map((e) => e.kind)).toEqual(['created', 'note', 'attachment']);
  });
});

describe('IncidentService: roles and masking', () => {
  it('viewer and analyst cannot change incidents: refused, audited, nothing else changed', () => {
    const { id } = t.incidents.create(t.actors.operator, manual);
    for (const who of [t.actors.viewer, t.actors.analyst, t.actors.admin]) {
      const before = snapshot(t.store);
      const n = auditCount(t.store);
      expect(() => t.incidents.create(who, manual)).toThrow(new RegExp(`incidents\\.create: role '${who.role}' may not call it`));
      expect(() => t.incidents.transition(who, id, 'verified')).toThrow(/UNAUTHORIZED|may not call it/);
      expect(() => t.incidents.addNote(who, id, 'x')).toThrow(/may not call it/);
      expect(snapshot(t.store)).toBe(before);
      expect(auditCount(t.store)).toBe(n + 3);
      expect(t.audit.list().slice(-3).map((e) => [e.action, e.user])).toEqual(Array(3).fill(['denied', who.username]));
    }
    expect(verifyAudit(t.store.db).ok).toBe(true);
  });

  it('viewer and analyst see the reporter masked in get, list-derived detail and the CSV export', () => {
    const { id } = t.incidents.create(t.actors.operator, manual);
    expect(t.incidents.get(t.actors.viewer, id).reporter).toEqual({ name: '张*', phone: '138****5678', idNumber: '4203**********1234', unmasked: false });
    expect(t.incidents.get(t.actors.analyst, id).reporter.unmasked).toBe(false);
    expect(t.incidents.get(t.actors.commander, id).reporter).toEqual({ ...reporter, unmasked: true });
    const viewerCsv = t.incidents.exportCsv(t.actors.viewer);
    expect(viewerCsv).toContain('张*,138****5678,4203**********1234');
    expect(viewerCsv).not.toContain('13812345678');
    expect(t.incidents.exportCsv(t.actors.operator)).toContain('张三,13812345678,420302199001011234');
  });
});
