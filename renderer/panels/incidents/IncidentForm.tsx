import { useState } from 'react';
import {
  departments,
  incidentTypeLabels,
  incidentTypes,
  severityLabels,
  type AlarmInfo,
  type Client,
  type IncidentCreateInput,
  type IncidentDetail,
  type IncidentType,
} from '../../../preload/contract';
import { pick, type Locale } from '../../ui/locale';
import { incidentsText } from './incidentsText';

export interface IncidentFormProps {
  client: Client;
  locale: Locale;
  /** Creating from this alarm (origin 'alarm'); null: by hand. */
  alarm: AlarmInfo | null;
  /** Where the last map pick was (origin 'map' when kept). */
  picked: [number, number] | null;
  onCreated(incident: IncidentDetail): void;
  onCancel(): void;
}

const fromAlarmType = (a: AlarmInfo): IncidentType => (a.ruleKind === 'accumulated_rain' ? 'waterlogging' : 'flood');
const fixed = (n: number | null | undefined) => (n === null || n === undefined ? '' : n.toFixed(6));
const optional = (s: string) => (s.trim() ? s.trim() : undefined);

/** 新建事件: by hand (prefilled from the map pick) or from an open alarm. The host validates; its refusal is shown as is. */
export function IncidentForm({ client, locale, alarm, picked, onCreated, onCancel }: IncidentFormProps) {
  const t = incidentsText(locale);
  const [type, setType] = useState<IncidentType>(alarm ? fromAlarmType(alarm) : 'waterlogging');
  const [title, setTitle] = useState(alarm ? `${alarm.stationName ?? alarm.stationId ?? alarm.streamId} ${alarm.level}` : '');
  const [severity, setSeverity] = useState(alarm ? alarm.severity : 2);
  const [department, setDepartment] = useState<string>(alarm ? departments[1].zh : departments[0].zh);
  const start = alarm ? [alarm.lon, alarm.lat] : (picked ?? [null, null]);
  const [lon, setLon] = useState(fixed(start[0]));
  const [lat, setLat] = useState(fixed(start[1]));
  const [address, setAddress] = useState('');
  const [description, setDescription] = useState('');
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = () => {
    if ((lon.trim() === '') !== (lat.trim() === '')) return setError(t('create.lonLatPair'));
    if (!alarm && lon.trim() === '') return setError(t('create.lonLatRequired'));
    const location: [number, number] | undefined = lon.trim() === '' ? undefined : [Number(lon), Number(lat)];
    const reporter = { name: optional(name), phone: optional(phone), idNumber: optional(idNumber) };
    const keptPick = picked !== null && location !== undefined && location[0] === Number(fixed(picked[0])) && location[1] === Number(fixed(picked[1]));
    const input: IncidentCreateInput = {
      origin: alarm ? 'alarm' : keptPick ? 'map' : 'manual',
      ...(alarm ? { alarmId: alarm.id } : {}),
      type,
      title,
      severity,
      department,
      ...(location ? { location } : {}),
      ...(optional(address) ? { address: optional(address) } : {}),
      ...(optional(description) ? { description: optional(description) } : {}),
      ...(reporter.name || reporter.phone || reporter.idNumber ? { reporter } : {}),
    };
    setBusy(true);
    client
      .call('incidents.create', input)
      .then((d) => {
        setError(null);
        onCreated(d);
      })
      .catch((err: unknown) => setError(err instanceof Error ? err.message : String(err)))
      .finally(() => setBusy(false));
  };

  return (
    <form
      className="incident-form"
      data-testid="incident-form"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <h3>{alarm ? `${t('create.titleFromAlarm')} #${alarm.id}` : t('create.title')}</h3>
      <div className="form-row">
        <label className="narrow">
          {t('create.type')}
          <select data-testid="incident-type" value={type} onChange={(e) => setType(e.target.value as IncidentType)}>
            {incidentTypes.map((x) => (
              <option key={x} value={x}>
                {pick(incidentTypeLabels[x], locale)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('create.name')}
          <input data-testid="incident-title" value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={200} />
        </label>
      </div>
      <div className="form-row">
        <label className="narrow">
          {t('create.severity')}
          <select data-testid="incident-severity" value={severity} onChange={(e) => setSeverity(Number(e.target.value))}>
            {([4, 3, 2, 1] as const).map((s) => (
              <option key={s} value={s}>
                {s} {pick(severityLabels[s], locale)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('create.department')}
          <select data-testid="incident-department" value={department} onChange={(e) => setDepartment(e.target.value)}>
            {departments.map((d) => (
              <option key={d.zh} value={d.zh}>
                {pick(d, locale)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="form-row">
        <label className="narrow">
          {t('create.lon')}
          <input data-testid="incident-lon" type="number" step="any" min={-180} max={180} value={lon} onChange={(e) => setLon(e.target.value)} />
        </label>
        <label className="narrow">
          {t('create.lat')}
          <input data-testid="incident-lat" type="number" step="any" min={-90} max={90} value={lat} onChange={(e) => setLat(e.target.value)} />
        </label>
        <span className="muted small-note">{alarm ? t('create.fromStation') : picked ? t('create.fromPick') : ''}</span>
      </div>
      <div className="form-row">
        <label>
          {t('create.address')}
          <input data-testid="incident-address" value={address} onChange={(e) => setAddress(e.target.value)} maxLength={300} />
        </label>
      </div>
      <div className="form-row">
        <label>
          {t('create.description')}
          <textarea data-testid="incident-description" value={description} onChange={(e) => setDescription(e.target.value)} maxLength={4000} rows={2} />
        </label>
      </div>
      <fieldset className="incident-reporter">
        <legend>{t('create.reporter')}</legend>
        <div className="form-row">
          <label className="narrow">
            {t('create.reporterName')}
            <input data-testid="reporter-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={50} autoComplete="off" />
          </label>
          <label className="narrow">
            {t('create.reporterPhone')}
            <input data-testid="reporter-phone" value={phone} onChange={(e) => setPhone(e.target.value)} maxLength={30} autoComplete="off" />
          </label>
          <label className="narrow">
            {t('create.reporterId')}
            <input data-testid="reporter-id" value={idNumber} onChange={(e) => setIdNumber(e.target.value)} maxLength={18} autoComplete="off" />
          </label>
        </div>
      </fieldset>
      {error && (
        <p className="error" role="alert" data-testid="incident-form-error">
          {error}
        </p>
      )}
      <div className="form-row">
        <button type="submit" className="primary" data-testid="incident-create-submit" disabled={busy}>
          {t('create.submit')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('create.cancel')}
        </button>
      </div>
    </form>
  );
}
