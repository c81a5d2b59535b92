import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IncidentCreateInput } from '../../../../../preload/contract';
import { IncidentsTool } from '../../../../../renderer/panels/incidents/IncidentsTool';
import { snapshot } from '../../../main/services/auth/commandTestStore';
import { incidentsTestHost, type IncidentsTestHost } from './incidentsTestHost';

let h: IncidentsTestHost;
beforeEach(() => {
  h = incidentsTestHost();
});
afterEach(() => {
  cleanup();
  h.cleanup();
});

const manual: IncidentCreateInput = { origin: 'manual', type: 'waterlogging', title: '人民北路积水', location: [110.8, 32.63], department: '区住建局', severity: 2 };

async function openIncident(id: number) {
  fireEvent.click(screen.getByTestId('open-incidents'));
  fireEvent.click(await screen.findByTestId(`incident-row-${id}`));
  return screen.findByTestId('incident-detail');
}

describe('IncidentsTool', () => {
  it('creates an incident from an open alarm: origin alarm, its station, shown in the list, detail and map data', async () => {
    const alarmId = h.insertAlarm();
    const user = h.signIn('operator');
    const ctx = h.ctx(user);
    render(<IncidentsTool ctx={ctx} />);
    fireEvent.click(screen.getByTestId('open-incidents'));
    await screen.findByTestId('incidents-panel');
    fireEvent.click(screen.getByTestId('incident-from-alarm'));
    fireEvent.click(await screen.findByTestId(`incident-from-alarm-${alarmId}`));
    expect((screen.getByTestId('incident-title') as HTMLInputElement).value).toBe('百二河站 保证');
    expect((screen.getByTestId('incident-severity') as HTMLSelectElement).value).toBe('4');
    fireEvent.change(screen.getByTestId('reporter-phone'), { target: { value: '13812345678' } });
    fireEvent.click(screen.getByTestId('incident-create-submit'));

    const detail = await screen.findByTestId('incident-detail');
    await waitFor(() => expect(detail.dataset.status).toBe('reported'));
    const row = h.t.store.db.prepare(`SELECT id, origin, alarm_id, severity, lon, lat, reporter_phone FROM inc_incidents`).all() as Record<string, unknown>[];
    expect(row).toEqual([{ id: 1, origin: 'alarm', alarm_id: alarmId, severity: 4, lon: 110.791, lat: 32.618, reporter_phone: '13812345678' }]);
    expect(within(detail).getByTestId('incident-reporter').textContent).toContain('13812345678');
    expect(await screen.findByTestId('incident-row-1')).toBeTruthy();
    await waitFor(() => expect(ctx.setLayerLive).toHaveBeenLastCalledWith('incidents', [expect.objectContaining({ id: 1, status: 'reported', alarmId })]));
    // the timeline names who and when (UTC+8)
    expect(screen.getByTestId('incident-timeline').querySelector('.tl-who')!.textContent).toBe('operator1 值班员');
    expect(screen.getByTestId('incident-timeline').textContent).toContain('2026-07-20 09:30');
    fireEvent.click(screen.getByTestId('incident-locate'));
    expect(ctx.focus).toHaveBeenCalledWith(expect.objectContaining({ lon: 110.791, lat: 32.618, layerKind: 'incidents', featureId: '1' }));
  });

  it('a host refusal of the form is shown and nothing lands', async () => {
    const user = h.signIn('operator');
    render(<IncidentsTool ctx={h.ctx(user)} />);
    fireEvent.click(screen.getByTestId('open-incidents'));
    fireEvent.click(await screen.findByTestId('incident-new'));
    fireEvent.change(await screen.findByTestId('incident-title'), { target: { value: '积水' } });
    fireEvent.change(screen.getByTestId('incident-lon'), { target: { value: '110.8' } });
    fireEvent.change(screen.getByTestId('incident-lat'), { target: { value: '32.6' } });
    fireEvent.change(screen.getByTestId('reporter-id'), { target: { value: '12345' } });
    const before = snapshot(h.t.store);
    fireEvent.click(screen.getByTestId('incident-create-submit'));
    expect((await screen.findByTestId('incident-form-error')).textContent).toMatch(/reporter\.idNumber/);
    expect(snapshot(h.t.store)).toBe(before);
  });

  it('a viewer sees the list but the create buttons are disabled with the reason; audit is for commander and admin', async () => {
    h.t.incidents.create(h.t.actors.operator, manual);
    const user = h.signIn('viewer');
    render(<IncidentsTool ctx={h.ctx(user)} />);
    expect((screen.getByTestId('open-audit') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId('open-audit').title).toMatch(/查看无权执行.*audit\.list/);
    const detail = await openIncident(1);
    const create = screen.getByTestId('incident-new') as HTMLButtonElement;
    expect(create.disabled).toBe(true);
    expect(create.title).toMatch(/^查看无权执行 \/ incidents\.create/);
    await waitFor(() => expect(within(detail).getByTestId('incident-transition-verified')).toBeTruthy());
    expect((within(detail).getByTestId('incident-transition-verified') as HTMLButtonElement).disabled).toBe(true);
  });

  it('without a session the list is not asked for and the panel says to sign in', async () => {
    render(<IncidentsTool ctx={h.ctx(null)} />);
    fireEvent.click(screen.getByTestId('open-incidents'));
    expect((await screen.findByTestId('incidents-denied')).textContent).toMatch(/请先登录/);
    expect(h.calls).not.toContain('incidents.list');
  });

  it('shows only the transitions the contract allows from each state; a reason where it needs one; closing is the commander’s', async () => {
    h.t.incidents.create(h.t.actors.operator, manual);
    const operator = h.signIn('operator');
    const { unmount } = render(<IncidentsTool ctx={h.ctx(operator)} />);
    const detail = await openIncident(1);
    const shown = () => within(detail).queryAllByTestId(/^incident-transition-/).map((b) => b.dataset.testid);
    await waitFor(() => expect(shown()).toEqual(['incident-transition-verified', 'incident-transition-closed']));
    const close = within(detail).getByTestId('incident-transition-closed') as HTMLButtonElement;
    expect(close.disabled).toBe(true);
    expect(close.title).toMatch(/结案须由指挥长执行/);
    for (const [to, next] of [
      ['verified', ['incident-transition-dispatched']],
      ['dispatched', ['incident-transition-in_progress']],
      ['in_progress', ['incident-transition-resolved']],
      ['resolved', ['incident-transition-closed', 'incident-transition-in_progress']],
    ] as const) {
      fireEvent.click(within(detail).getByTestId(`incident-transition-${to}`));
      await waitFor(() => expect(detail.dataset.status).toBe(to));
      expect(shown()).toEqual(next);
    }
    // resolved → in_progress (relapse) asks for a reason before anything is sent
    const sent = h.calls.length;
    fireEvent.click(within(detail).getByTestId('incident-transition-in_progress'));
    expect((screen.getByTestId('transition-confirm') as HTMLButtonElement).disabled).toBe(true);
    expect(h.calls.length).toBe(sent);
    fireEvent.change(screen.getByTestId('transition-reason'), { target: { value: '积水复现' } });
    fireEvent.click(screen.getByTestId('transition-confirm'));
    await waitFor(() => expect(detail.dataset.status).toBe('in_progress'));
    expect(screen.getByTestId('incident-timeline').textContent).toContain('积水复现');
    unmount();

    // a commander closes a fresh report as a false one, with a reason
    h.t.incidents.create(h.t.actors.operator, { ...manual, title: '误报测试' });
    const commander = h.signIn('commander');
    render(<IncidentsTool ctx={h.ctx(commander)} />);
    const d2 = await openIncident(2);
    await waitFor(() => expect((within(d2).getByTestId('incident-transition-closed') as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(within(d2).getByTestId('incident-transition-closed'));
    fireEvent.change(screen.getByTestId('transition-reason'), { target: { value: '重复上报' } });
    fireEvent.click(screen.getByTestId('transition-confirm'));
    await waitFor(() => expect(d2.dataset.status).toBe('closed'));
    expect(within(d2).queryAllByTestId(/^incident-transition-/)).toEqual([]);
  });

  it('a refused transition shows the host’s reason and changes nothing; after the task is done it goes through', async () => {
    const inc = h.t.incidents.create(h.t.actors.operator, manual);
    for (const to of ['verified', 'dispatched', 'in_progress'] as const) h.t.incidents.transition(h.t.actors.operator, inc.id, to);
    const user = h.signIn('operator');
    render(<IncidentsTool ctx={h.ctx(user)} />);
    const detail = await openIncident(inc.id);
    // add a task for a known user with a due time in Beijing time
    const assignee = (await screen.findByRole('option', { name: /commander1/ })) as HTMLOptionElement;
    fireEvent.change(screen.getByTestId('task-assignee'), { target: { value: assignee.value } });
    fireEvent.change(screen.getByTestId('task-title'), { target: { value: '抽排积水' } });
    fireEvent.change(screen.getByTestId('task-due'), { target: { value: '2026-07-20T12:00' } });
    fireEvent.click(screen.getByTestId('task-add'));
    await screen.findByTestId('task-1');
    expect(h.t.store.db.prepare(`SELECT title, assignee, due_at AS dueAt, done FROM inc_tasks`).all()).toEqual([{ title: '抽排积水', assignee: 'commander1', dueAt: Date.UTC(2026, 6, 20, 4, 0), done: 0 }]);

    const before = snapshot(h.t.store);
    fireEvent.click(within(detail).getByTestId('incident-transition-resolved'));
    expect((await screen.findByTestId('incident-error')).textContent).toMatch(/still has open tasks \(#1 抽排积水\)/);
    expect(detail.dataset.status).toBe('in_progress');
    expect(snapshot(h.t.store)).toBe(before);

    fireEvent.click(screen.getByTestId('task-done-1'));
    await waitFor(() => expect(screen.getByTestId('task-1').className).toBe('done'));
    fireEvent.click(within(detail).getByTestId('incident-transition-resolved'));
    await waitFor(() => expect(detail.dataset.status).toBe('resolved'));
    expect(screen.queryByTestId('incident-error')).toBeNull();
  });

  it('notes are added and appear with author and time', async () => {
    h.t.incidents.create(h.t.actors.operator, manual);
    const user = h.signIn('operator');
    render(<IncidentsTool ctx={h.ctx(user)} />);
    await openIncident(1);
    fireEvent.change(await screen.findByTestId('note-text'), { target: { value: '现场积水约30厘米' } });
    fireEvent.click(screen.getByTestId('note-add'));
    await waitFor(() => expect(screen.getByTestId('incident-notes').textContent).toContain('2026-07-20 09:30 · operator1 现场积水约30厘米'));
    expect((screen.getByTestId('note-text') as HTMLTextAreaElement).value).toBe('');
  });

  it('plans: match (demo badge), activate at a chosen level, raise the level, tick the checklist', async () => {
    h.t.incidents.create(h.t.actors.operator, { ...manual, type: 'hazmat', title: '化工仓库泄漏', department: '区应急管理局' });
    const user = h.signIn('commander');
    render(<IncidentsTool ctx={h.ctx(user)} />);
    await openIncident(1);
    fireEvent.click(await screen.findByTestId('plans-match'));
    const match = await screen.findByTestId('plan-match-hazmat-leak');
    expect(within(match).getByTestId('plan-demo-hazmat-leak').textContent).toContain('演示预案');
    const level = screen.getByTestId('plan-level') as HTMLSelectElement;
    expect(level.value).toBe('III');
    fireEvent.change(level, { target: { value: 'IV' } });
    fireEvent.click(within(match).getByTestId('plan-activate-hazmat-leak'));
    const act = await screen.findByTestId('activation-1');
    expect(act.dataset.level).toBe('IV');
    expect((within(match).getByTestId('plan-activate-hazmat-leak') as HTMLButtonElement).disabled).toBe(true);
    expect(within(act).queryByTestId('checklist-hz-iv-assess')).toBeTruthy();
    const levelsShown = () => new Set(h.t.plans.activation(1).checklist.map((c) => c.level));
    expect(levelsShown()).toEqual(new Set(['IV']));

    fireEvent.click(within(act).getByTestId('checklist-hz-iv-assess'));
    await waitFor(() => expect((within(screen.getByTestId('activation-1')).getByTestId('checklist-hz-iv-assess') as HTMLInputElement).checked).toBe(true));
    expect(h.t.store.db.prepare(`SELECT item_id, done, done_by FROM plan_checklist`).all()).toEqual([{ item_id: 'hz-iv-assess', done: 1, done_by: 'commander1' }]);

    fireEvent.change(within(act).getByTestId('plan-new-level'), { target: { value: 'II' } });
    fireEvent.change(within(act).getByTestId('plan-level-reason'), { target: { value: '泄漏扩大' } });
    fireEvent.click(within(act).getByTestId('plan-set-level'));
    await waitFor(() => expect(screen.getByTestId('activation-1').dataset.level).toBe('II'));
    expect(levelsShown()).toEqual(new Set(['IV', 'III', 'II']));
    const after = screen.getByTestId('activation-1');
    expect(within(after).getAllByRole('checkbox')).toHaveLength(h.t.plans.activation(1).checklist.length);
    const timeline = screen.getByTestId('incident-timeline');
    expect([...timeline.querySelectorAll('li')].map((l) => l.dataset.kind)).toEqual(['created', 'plan.activated', 'plan.item.done', 'plan.level']);
    expect(timeline.textContent).toContain('泄漏扩大');
  });

  it('an operator may match plans and tick items but not activate or change levels (disabled, with the reason)', async () => {
    const inc = h.t.incidents.create(h.t.actors.operator, { ...manual, type: 'hazmat', title: '泄漏', department: '区应急管理局' });
    h.t.plans.activate(h.t.actors.commander, inc.id, 'hazmat-leak', 'IV');
    const user = h.signIn('operator');
    render(<IncidentsTool ctx={h.ctx(user)} />);
    await openIncident(1);
    fireEvent.click(await screen.findByTestId('plans-match'));
    const activate = (await screen.findByTestId('plan-activate-hazmat-leak')) as HTMLButtonElement;
    expect(activate.disabled).toBe(true);
    expect(activate.title).toMatch(/值班员无权执行 \/ plans\.activate/);
    const setLevel = screen.getByTestId('plan-set-level') as HTMLButtonElement;
    expect(setLevel.disabled).toBe(true);
    expect(setLevel.title).toMatch(/plans\.setLevel/);
    const box = screen.getByTestId('checklist-hz-iv-assess') as HTMLInputElement;
    expect(box.disabled).toBe(false);
  });

  it('audit: the log with seq, time, user, role, action, target; 校验 shows ok, then the first broken record', async () => {
    h.t.incidents.create(h.t.actors.operator, manual);
    const user = h.signIn('admin');
    render(<IncidentsTool ctx={h.ctx(user)} />);
    fireEvent.click(screen.getByTestId('open-audit'));
    const panel = await screen.findByTestId('audit-panel');
    const rows = await within(panel).findAllByTestId(/^audit-row-/);
    const entries = h.t.audit.list();
    expect(rows).toHaveLength(entries.length);
    const create = entries.find((e) => e.action === 'incidents.create')!;
    expect([...screen.getByTestId(`audit-row-${create.seq}`).querySelectorAll('td')].map((c) => c.textContent)).toEqual([
      String(create.seq),
      '2026-07-20 09:30',
      'operator1',
      '值班员',
      'incidents.create',
      'incident:1',
    ]);

    fireEvent.click(screen.getByTestId('audit-verify'));
    const ok = await screen.findByTestId('audit-verify-result');
    expect(ok.dataset.ok).toBe('true');
    expect(ok.textContent).toMatch(/校验通过/);

    h.t.store.db.exec(`DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;`);
    h.t.store.db.prepare(`UPDATE audit_log SET user = 'mallory' WHERE seq = ?`).run(create.seq);
    fireEvent.click(screen.getByTestId('audit-verify'));
    await waitFor(() => expect(screen.getByTestId('audit-verify-result').dataset.ok).toBe('false'));
    expect(screen.getByTestId('audit-verify-result').textContent).toContain(`首个损坏记录 #${create.seq}`);
  });
});
