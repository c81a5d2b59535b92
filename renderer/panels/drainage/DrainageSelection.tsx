import { useEffect, useMemo, useRef, useState } from 'react';
import type { Client, MethodOutput } from '../../../preload/contract';
import type { DefectMark } from '../../layers/drainageDefects';
import type { DrainageHighlight } from '../../layers/drainagePipes/pipeHighlight';
import type { Locale } from '../../ui/locale';
import { pick as pickText } from '../../ui/locale';
import { DefectPhoto } from './DefectPhoto';
import { defectMarks } from './defectMarks';
import { drainageFields, drainageText, formatValue } from './drainageText';
import { loadDrainageFeature, type DrainageFeature } from './loadDrainageFeature';
import { PipeCondition } from './PipeCondition';
import { ProfileChart } from './ProfileChart';
import { profileChartOption, type ProfileResult } from './profileChartOption';
import { formatLength, traceHighlight, type TraceResult } from './traceSummary';

export interface Selection {
  kind: 'pipe' | 'node';
  id: string;
  layerId: string;
  /** Fly the map to it once its place is known (chosen from a list, not clicked on the map). */
  focus?: boolean;
  seq: number;
}

export interface DrainageSelectionProps {
  client: Client;
  locale: Locale;
  selection: Selection;
  onSelect(kind: 'pipe' | 'node', id: string): void;
  onHighlight(h: DrainageHighlight | null): void;
  onLocated(f: DrainageFeature): void;
  onClose(): void;
  /** The CCTV defect shown with its photo (chosen in the list or on the map). */
  selectedDefectId?: number | null;
  /** A defect chosen in the panel's list or strip. */
  onSelectDefect?(id: number): void;
  /** The pipe's defects placed along it, for the map's defects overlay (null: none to show). */
  onDefectMarks?(marks: { pipeId: string; marks: DefectMark[] } | null): void;
  /** The manhole chosen as the start of a profile between two manholes (kept while other features are inspected). */
  profileStart?: string | null;
  onProfileStart?(nodeId: string | null): void;
}

/** The pipes a profile runs along, drawn in this colour on the map (a trace is yellow). */
export const PROFILE_COLOUR = '#00e5ff';

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** The picked pipe or node: attributes, neighbours, CJJ 181 condition, trace and profile. */
export function DrainageSelection({
  client,
  locale,
  selection: sel,
  onSelect,
  onHighlight,
  onLocated,
  onClose,
  selectedDefectId = null,
  onSelectDefect,
  onDefectMarks,
  profileStart = null,
  onProfileStart,
}: DrainageSelectionProps) {
  const t = drainageText(locale);
  const [feature, setFeature] = useState<DrainageFeature | null>(null);
  const [neighbours, setNeighbours] = useState<MethodOutput<'drainage.neighbours'> | null>(null);
  const [condition, setCondition] = useState<MethodOutput<'drainage.condition'> | null>(null);
  const [trace, setTrace] = useState<TraceResult | null>(null);
  const [profile, setProfile] = useState<ProfileResult | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setFeature(null);
    setNeighbours(null);
    setCondition(null);
    setTrace(null);
    setProfile(null);
    setError(null);
    loadDrainageFeature(client, sel.kind, sel.id, sel.layerId)
      .then((f) => {
        if (!live) return;
        setFeature(f);
        if (sel.focus) onLocated(f);
      })
      .catch((err: unknown) => live && setError(message(err)));
    client
      .call('drainage.neighbours', { id: sel.id, kind: sel.kind })
      .then((n) => live && setNeighbours(n))
      .catch((err: unknown) => live && setError(message(err)));
    if (sel.kind === 'pipe') {
      client
        .call('drainage.condition', { pipeId: sel.id })
        .then((c) => live && setCondition(c))
        .catch(() => undefined);
    }
    return () => {
      live = false;
    };
    // One load per selection (seq: the same feature chosen again reloads).
  }, [client, sel.kind, sel.id, sel.layerId, sel.seq]);

  // The inspected pipe's defects as marks on the map once both its line and its condition are known.
  const reportMarks = useRef(onDefectMarks);
  reportMarks.current = onDefectMarks;
  useEffect(() => {
    if (sel.kind !== 'pipe' || !feature?.geometry || !condition || condition.pipeId !== sel.id || condition.defects.length === 0) return;
    const marks = defectMarks({ type: 'Feature', id: sel.id, geometry: feature.geometry, properties: feature.properties }, condition);
    reportMarks.current?.(marks.length ? { pipeId: sel.id, marks } : null);
    return () => reportMarks.current?.(null);
  }, [sel.kind, sel.id, feature, condition]);
  const selectedDefect = condition?.defects.find((d) => d.id === selectedDefectId) ?? null;

  const runTrace = (direction: 'down' | 'up' | 'connected') => {
    setBusy(direction);
    setError(null);
    client
      .call('drainage.trace', { id: sel.id, direction, startKind: sel.kind })
      .then((r) => {
        setTrace(r);
        onHighlight(traceHighlight(r));
      })
      .catch((err: unknown) => setError(message(err)))
      .finally(() => setBusy(null));
  };

  /** The main line downstream (no `to`), or the path between the chosen start manhole and this one. */
  const runProfile = async (to?: string) => {
    setBusy('profile');
    setError(null);
    try {
      let p: ProfileResult;
      if (to !== undefined && profileStart) p = await client.call('drainage.profile', { from: profileStart, to });
      else if (sel.kind === 'node') p = await client.call('drainage.profile', { from: sel.id });
      else {
        // Downstream main line from the pipe's upstream node; if it leaves by another pipe, the pipe alone.
        const up = typeof feature?.properties.up_node === 'string' ? feature.properties.up_node : neighbours?.upNodes[0];
        p = up ? await client.call('drainage.profile', { from: up }) : await client.call('drainage.profile', { pipeIds: [sel.id] });
        if (p.segments[0]?.pipeId !== sel.id) p = await client.call('drainage.profile', { pipeIds: [sel.id] });
      }
      setProfile(p);
      // The pipes it runs along, on the map: which path the chart follows is not obvious between two manholes.
      onHighlight({ pipeIds: p.segments.map((seg) => seg.pipeId), colour: PROFILE_COLOUR });
    } catch (err) {
      setError(message(err));
    } finally {
      setBusy(null);
    }
  };

  const option = useMemo(
    () =>
      profile
        ? profileChartOption(profile, {
            ground: t('profile.ground'),
            crown: t('profile.crown'),
            invert: t('profile.invert'),
            manholes: t('profile.manholes'),
            slope: t('profile.slope'),
            chainage: t('profile.chainage'),
            elevation: t('profile.elevation'),
          })
        : null,
    [profile, locale],
  );

  const fields = drainageFields[sel.kind];
  const props = feature?.properties ?? {};
  const noInverts = sel.kind === 'pipe' && feature !== null && typeof props.up_invert !== 'number' && typeof props.down_invert !== 'number';
  const idButtons = (ids: string[], kind: 'pipe' | 'node') =>
    ids.map((id) => (
      <button key={id} type="button" className="link-button" data-testid={`neighbour-${id}`} onClick={() => onSelect(kind, id)}>
        {id}
      </button>
    ));
  // Pipes then manholes on that side; one 无 when there is neither (an outfall has nothing downstream).
  const linkRow = (pipes: string[], nodes: string[]) =>
    pipes.length + nodes.length === 0 ? (
      <span className="muted">{t('neighbours.none')}</span>
    ) : (
      <>
        {idButtons(pipes, 'pipe')}
        {idButtons(nodes, 'node')}
      </>
    );

  return (
    <section className="drainage-selection" data-testid="drainage-selection" data-kind={sel.kind} data-id={sel.id}>
      <header className="panel-head">
        <h3 className="drainage-selected">
          {t(sel.kind === 'pipe' ? 'kind.pipe' : 'kind.node')} <span data-testid="drainage-selected-id">{sel.id}</span>
        </h3>
        <button type="button" className="small" onClick={onClose} data-testid="drainage-selection-close">
          {t('action.close')}
        </button>
      </header>
      {error && (
        <p className="error" role="alert">
          {t('error.prefix')}: {error}
        </p>
      )}
      {!feature ? (
        <p className="muted">{t('attrs.loading')}</p>
      ) : (
        <dl className="drainage-attrs" data-testid="drainage-attributes">
          {fields.map((f) => (
            <div key={f.name} className="attr-row" data-field={f.name}>
              <dt>
                {locale === 'zh-CN' ? f.zh : f.en}
                {f.unit ? ` (${f.unit})` : ''}
              </dt>
              <dd>{formatValue(f.name, props[f.name], locale)}</dd>
            </div>
          ))}
        </dl>
      )}
      {noInverts && <p className="warn-note">{t('attrs.estimated')}</p>}
      {neighbours && (
        <dl className="drainage-neighbours" data-testid="drainage-neighbours">
          <dt>{t('neighbours.up')}</dt>
          <dd data-testid="neighbours-up">{linkRow(neighbours.upPipes, neighbours.upNodes)}</dd>
          <dt>{t('neighbours.down')}</dt>
          <dd data-testid="neighbours-down">{linkRow(neighbours.downPipes, neighbours.downNodes)}</dd>
        </dl>
      )}
      <div className="drainage-actions" role="group">
        <button type="button" data-testid="trace-down" disabled={busy !== null} onClick={() => runTrace('down')}>
          {t('action.traceDown')}
        </button>
        <button type="button" data-testid="trace-up" disabled={busy !== null} onClick={() => runTrace('up')}>
          {t('action.traceUp')}
        </button>
        <button type="button" data-testid="trace-connected" disabled={busy !== null} onClick={() => runTrace('connected')}>
          {t('action.connected')}
        </button>
        <button type="button" data-testid="profile-run" disabled={busy !== null} onClick={() => void runProfile()}>
          {t('action.profile')}
        </button>
        {sel.kind === 'node' && onProfileStart && profileStart !== sel.id && (
          <button type="button" data-testid="profile-set-start" disabled={busy !== null} onClick={() => onProfileStart(sel.id)}>
            {t('action.profileStart')}
          </button>
        )}
        {sel.kind === 'node' && profileStart && profileStart !== sel.id && (
          <button type="button" data-testid="profile-between" disabled={busy !== null} onClick={() => void runProfile(sel.id)}>
            {t('action.profileBetween')}
          </button>
        )}
      </div>
      {profileStart && onProfileStart && (
        <p className="drainage-profile-start" data-testid="profile-start" data-id={profileStart}>
          {t('profile.start')}: <strong>{profileStart}</strong>
          {profileStart === sel.id && <span className="muted"> — {t('profile.startHint')}</span>}{' '}
          <button type="button" className="small" onClick={() => onProfileStart(null)} data-testid="profile-start-clear">
            {t('action.profileStartClear')}
          </button>
        </p>
      )}
      {trace && (
        <section className="drainage-section" data-testid="trace-summary" data-direction={trace.direction}>
          <h3>{t('trace.title')}</h3>
          <dl className="drainage-facts">
            <dt>{t('trace.length')}</dt>
            <dd data-testid="trace-length">{formatLength(trace.totalLengthM)}</dd>
            <dt>{t('trace.pipes')}</dt>
            <dd data-testid="trace-pipes">{trace.pipeCount}</dd>
            <dt>{t('trace.outfalls')}</dt>
            <dd data-testid="trace-outfalls">{trace.outfalls.length ? trace.outfalls.join('、') : '—'}</dd>
            {trace.plants.length > 0 && (
              <>
                <dt>{t('trace.plants')}</dt>
                <dd>{trace.plants.join('、')}</dd>
              </>
            )}
            {trace.pumps.length > 0 && (
              <>
                <dt>{t('trace.pumps')}</dt>
                <dd>{trace.pumps.join('、')}</dd>
              </>
            )}
          </dl>
          {trace.warnings.length > 0 && (
            <ul className="warnings" data-testid="trace-warnings">
              {trace.warnings.map((w, i) => (
                <li key={i}>{pickText(w.message, locale)}</li>
              ))}
            </ul>
          )}
          <button type="button" className="small" onClick={() => onHighlight(null)} data-testid="trace-clear">
            {t('action.clear')}
          </button>
        </section>
      )}
      {profile && option && (
        <section className="drainage-section" data-testid="profile-section" data-segments={profile.segments.length} data-from={profile.stations[0]?.nodeId} data-to={profile.stations[profile.stations.length - 1]?.nodeId}>
          <h3>
            {t('profile.title')} <small className="muted">{formatLength(profile.totalLengthM)} · {profile.segments.length}</small>
          </h3>
          <ProfileChart option={option} />
          {profile.warnings.length > 0 && (
            <ul className="warnings">
              {profile.warnings.map((w, i) => (
                <li key={i}>{pickText(w, locale)}</li>
              ))}
            </ul>
          )}
        </section>
      )}
      {condition && (
        <PipeCondition
          condition={condition}
          locale={locale}
          selectedDefectId={selectedDefect?.id ?? null}
          onSelectDefect={onSelectDefect}
          aside={selectedDefect && <DefectPhoto client={client} locale={locale} defect={selectedDefect} />}
        />
      )}
    </section>
  );
}
