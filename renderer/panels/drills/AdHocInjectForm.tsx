import { useState } from 'react';
import { departments, incidentTypeLabels, incidentTypes, type IncidentType, type MethodInput } from '../../../preload/contract';
import type { MapClick } from '../../app/toolContext';
import { pick, type Locale } from '../../ui/locale';
import { drillText } from './drillText';

type AdHocKind = 'phone' | 'manual-reminder' | 'field-report';
type NewInject = MethodInput<'drill.addInject'>['inject'];

/** The next free ad-hoc id: ADHOC-001, ADHOC-002, … */
export function nextAdHocId(taken: readonly string[]): string {
  const used = new Set(taken);
  for (let n = 1; ; n++) {
    const id = `ADHOC-${String(n).padStart(3, '0')}`;
    if (!used.has(id)) return id;
  }
}

/**
 * 新增临时注入: an ad-hoc inject delivered at once (at PT0M from now) and logged like a scripted one — a phone call the
 * players receive, a field report that arrives as an incident (location from the last map click, or typed), or a
 * reminder for the controller only.
 */
export function AdHocInjectForm({ locale, takenIds, mapClick, busy, onSubmit }: { locale: Locale; takenIds: string[]; mapClick?: MapClick | null; busy: boolean; onSubmit(inject: NewInject): void }) {
  const t = drillText(locale);
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<AdHocKind>('phone');
  const [id, setId] = useState('');
  const [synopsis, setSynopsis] = useState('');
  const [message, setMessage] = useState('');
  const [from, setFrom] = useState('');
  const [notes, setNotes] = useState('');
  const [type, setType] = useState<IncidentType>('waterlogging');
  const [title, setTitle] = useState('');
  const [lon, setLon] = useState('');
  const [lat, setLat] = useState('');
  const [department, setDepartment] = useState<string>(departments[0]!.zh);

  const useId = id.trim() || nextAdHocId(takenIds);
  const lonV = lon.trim() === '' ? (mapClick?.lon ?? NaN) : Number(lon);
  const latV = lat.trim() === '' ? (mapClick?.lat ?? NaN) : Number(lat);
  const located = Number.isFinite(lonV) && Number.isFinite(latV);
  const ready = synopsis.trim().length > 0 && (kind !== 'field-report' || (title.trim().length > 0 && located));

  const build = (): NewInject => {
    const base = { id: useId, at: 'PT0M', synopsis: synopsis.trim(), ...(notes.trim() ? { controllerNotes: notes.trim() } : {}), ...(from.trim() ? { from: from.trim() } : {}) };
    if (kind === 'field-report') return { ...base, kind, report: { type, title: title.trim(), location: [lonV, latV], department, ...(message.trim() ? { description: message.trim() } : {}) } };
    return { ...base, kind, ...(message.trim() ? { message: message.trim() } : {}) };
  };

  if (!open)
    return (
      <div className="drill-row">
        <button type="button" data-testid="drill-adhoc-open" onClick={() => setOpen(true)}>
          ＋ {t('adhoc.open')}
        </button>
      </div>
    );
  return (
    <form
      className="drill-section drill-adhoc"
      data-testid="drill-adhoc-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!ready) return;
        onSubmit(build());
        setId('');
        setSynopsis('');
        setMessage('');
        setNotes('');
        setTitle('');
        setOpen(false);
      }}
    >
      <h4>{t('adhoc.title')}</h4>
      <div className="drill-form-grid">
        <label>
          {t('adhoc.kind')}
          <select value={kind} data-testid="drill-adhoc-kind" onChange={(e) => setKind(e.target.value as AdHocKind)}>
            {(['phone', 'field-report', 'manual-reminder'] as const).map((k) => (
              <option key={k} value={k}>
                {t(`kind.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('adhoc.id')}
          <input data-testid="drill-adhoc-id" value={id} placeholder={useId} maxLength={40} pattern="[A-Za-z0-9][A-Za-z0-9_.\-]{0,39}" onChange={(e) => setId(e.target.value)} />
        </label>
        <label className="wide">
          {t('adhoc.synopsis')}
          <input data-testid="drill-adhoc-synopsis" value={synopsis} required maxLength={500} onChange={(e) => setSynopsis(e.target.value)} />
        </label>
        {kind === 'field-report' && (
          <>
            <label>
              {t('adhoc.reportType')}
              <select value={type} data-testid="drill-adhoc-type" onChange={(e) => setType(e.target.value as IncidentType)}>
                {incidentTypes.map((k) => (
                  <option key={k} value={k}>
                    {pick(incidentTypeLabels[k], locale)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('adhoc.reportTitle')}
              <input data-testid="drill-adhoc-title" value={title} required maxLength={200} onChange={(e) => setTitle(e.target.value)} />
            </label>
            <label>
              {t('adhoc.lon')}
              <input data-testid="drill-adhoc-lon" value={lon} inputMode="decimal" placeholder={mapClick ? mapClick.lon.toFixed(6) : ''} onChange={(e) => setLon(e.target.value)} />
            </label>
            <label>
              {t('adhoc.lat')}
              <input data-testid="drill-adhoc-lat" value={lat} inputMode="decimal" placeholder={mapClick ? mapClick.lat.toFixed(6) : ''} onChange={(e) => setLat(e.target.value)} />
            </label>
            <label className="wide">
              {t('adhoc.department')}
              <select value={department} data-testid="drill-adhoc-department" onChange={(e) => setDepartment(e.target.value)}>
                {departments.map((d) => (
                  <option key={d.zh} value={d.zh}>
                    {pick(d, locale)}
                  </option>
                ))}
              </select>
            </label>
            {mapClick && lon.trim() === '' && lat.trim() === '' && <p className="muted wide">{t('adhoc.fromClick')}</p>}
          </>
        )}
        <label className="wide">
          {t('adhoc.message')}
          <textarea rows={2} data-testid="drill-adhoc-message" value={message} maxLength={2000} onChange={(e) => setMessage(e.target.value)} />
        </label>
        <label>
          {t('adhoc.from')}
          <input data-testid="drill-adhoc-from" value={from} maxLength={100} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          {t('adhoc.notes')}
          <input data-testid="drill-adhoc-notes" value={notes} maxLength={2000} onChange={(e) => setNotes(e.target.value)} />
        </label>
      </div>
      <div className="drill-row">
        <button type="submit" className="primary" data-testid="drill-adhoc-submit" disabled={busy || !ready}>
          {t('adhoc.submit')}
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          {t('control.cancel')}
        </button>
      </div>
    </form>
  );
}
