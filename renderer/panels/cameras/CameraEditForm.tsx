import { useEffect, useId, useMemo, useState, type ReactNode } from 'react';
import type { BBox, Client, Feature } from '../../../preload/contract';
import {
  cameraExtent,
  cameraFieldErrors,
  cameraFieldLabels,
  cameraStatuses,
  cameraStatusLabels,
  cameraTypeLabels,
  cameraTypes,
  type CameraAdminCall,
  type CameraAdminRecord,
  type CameraCreateInput,
  type CameraField,
  type CameraUpdateInput,
} from '../../../preload/contract/cameraAdminMethods';
import type { MapClick } from '../../app/toolContext';
import type { Locale } from '../../ui/locale';
import { bilingual, cameraEditText } from './cameraEditText';
import { cameraFormValuesOf, checkCameraInput, createInputOf, emptyCameraForm, hasErrors, updateInputOf, type CameraFormErrors, type CameraFormValues } from './cameraEditValues';
import './cameraEditForm.css';

export interface CameraEditFormProps {
  client: Client;
  locale: Locale;
  /** The camera to edit (a cameras-layer feature from features.query); null: a new camera. */
  feature: Feature | null;
  /** The district's extent (the boundary layer's bbox): positions must lie near it, as the host checks. */
  district: BBox | null;
  /** The last ground click (ToolContext.mapClick): after 地图选点 the next one sets the position. */
  mapClick?: MapClick | null;
  onSaved(camera: CameraAdminRecord): void;
  onDeleted(id: string): void;
  onCancel(): void;
  /** The clock for the last-seen rule (tests). */
  now?: () => number;
}

const noErrors: CameraFormErrors = { fields: {}, other: [] };
const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * 新增/编辑摄像机 (administrators): every field of the camera registry with its unit, the position typed or picked on
 * the map, the host's rules checked before sending (same messages) and the host's refusals shown at their fields.
 * 保存 creates or changes only what was edited; 删除 asks first. The host audits every change.
 */
export function CameraEditForm({ client, locale, feature, district, mapClick, onSaved, onDeleted, onCancel, now = Date.now }: CameraEditFormProps) {
  const t = cameraEditText(locale);
  const initial = useMemo(() => (feature ? cameraFormValuesOf(feature) : emptyCameraForm()), [feature]);
  const [values, setValues] = useState<CameraFormValues>(initial);
  const [errors, setErrors] = useState<CameraFormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const [picking, setPicking] = useState<number | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState('');
  const call = client.call as unknown as CameraAdminCall;
  const extent = useMemo(() => cameraExtent(district), [district]);
  const editing = feature !== null;

  // 地图选点: the next ground click after arming.
  useEffect(() => {
    const c = mapClick;
    if (picking === null || !c || c.seq <= picking) return;
    setValues((v) => ({ ...v, lon: c.lon.toFixed(6), lat: c.lat.toFixed(6) }));
    setErrors((e) => ({ ...e, fields: { ...e.fields, lon: undefined, lat: undefined } }));
    setPicking(null);
  }, [mapClick?.seq]);

  const set = (field: CameraField, value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    if (errors.fields[field]) setErrors((e) => ({ ...e, fields: { ...e.fields, [field]: undefined } }));
  };

  const refused = (err: unknown) => {
    const e = cameraFieldErrors(errorText(err));
    // A refusal that names no field is shown whole (with its code).
    setErrors(Object.keys(e.fields).length ? e : { fields: {}, other: [errorText(err)] });
  };

  const save = () => {
    const input = editing ? updateInputOf(initial.externalId, initial, values) : createInputOf(values);
    const found = checkCameraInput(editing ? 'update' : 'create', input, extent, now());
    setErrors(found);
    if (hasErrors(found)) return;
    setBusy(true);
    const sent = editing ? call('cameras.update', input as CameraUpdateInput) : call('cameras.create', input as CameraCreateInput);
    sent
      .then((r) => onSaved(r.camera))
      .catch(refused)
      .finally(() => setBusy(false));
  };

  const remove = () => {
    setBusy(true);
    call('cameras.delete', { id: initial.externalId, ...(reason.trim() ? { reason: reason.trim() } : {}) })
      .then((r) => onDeleted(r.deleted.externalId))
      .catch((err: unknown) => {
        setConfirming(false);
        refused(err);
      })
      .finally(() => setBusy(false));
  };

  const field = (f: CameraField, input: Omit<InputProps, 'field' | 'value' | 'onChange' | 'error'> = {}) => (
    <Field locale={locale} field={f} value={values[f]} onChange={(v) => set(f, v)} error={errors.fields[f]} {...input} />
  );
  const [title, titleOther] = t(editing ? 'edit.titleEdit' : 'edit.titleNew');

  return (
    <form
      className="camera-edit-form"
      data-testid="camera-edit-form"
      data-mode={editing ? 'edit' : 'new'}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <h3>
        {title} <small>{titleOther}</small>
        {editing && <span className="camera-edit-id">{initial.externalId}</span>}
        {editing && feature.properties.demo === true && <span className="camera-edit-demo">{t('edit.demo')[0]}</span>}
      </h3>
      <div className="camera-edit-grid">
        {field('externalId', { maxLength: 64, wide: true })}
        {field('name', { maxLength: 100, wide: true })}
        <Choice locale={locale} field="camType" value={values.camType} onChange={(v) => set('camType', v)} error={errors.fields.camType} options={cameraTypes.map((k) => [k, cameraTypeLabels[k]])} />
        <Choice locale={locale} field="status" value={values.status} onChange={(v) => set('status', v)} error={errors.fields.status} options={cameraStatuses.map((k) => [k, cameraStatusLabels[k]])} />
        {field('department', { maxLength: 60, wide: true })}
      </div>
      <Group legend={t('edit.position')}>
        {field('lon', { numeric: true, step: 0.000001 })}
        {field('lat', { numeric: true, step: 0.000001 })}
        {field('heightM', { numeric: true, step: 0.1, min: 0 })}
        <div className="camera-edit-pick">
          {picking === null ? (
            <button type="button" data-testid="camera-edit-pick" onClick={() => setPicking(mapClick?.seq ?? 0)}>
              {t('edit.pick')[0]} <small>{t('edit.pick')[1]}</small>
            </button>
          ) : (
            <>
              <span className="camera-edit-picking" data-testid="camera-edit-picking">
                {t('edit.picking')[0]}
              </span>
              <button type="button" onClick={() => setPicking(null)}>
                {t('edit.pickCancel')[0]}
              </button>
            </>
          )}
        </div>
      </Group>
      <Group legend={t('edit.optics')}>
        {field('heading', { numeric: true, step: 0.1, min: 0, max: 360 })}
        {field('tilt', { numeric: true, step: 0.1, min: -90, max: 90 })}
        {field('hfov', { numeric: true, step: 0.1, min: 1, max: 180 })}
        {field('rangeM', { numeric: true, step: 1, min: 0, max: 5000 })}
      </Group>
      <Group legend={t('edit.streams')}>
        {field('streamUrl', { wide: true, placeholder: t('edit.streamHint')[0] })}
        {field('subStreamUrl', { wide: true, placeholder: t('edit.streamHint')[0] })}
        {field('lastSeen', {
          wide: true,
          placeholder: t('edit.lastSeenHint')[0],
          after: (
            <button type="button" data-testid="camera-edit-now" onClick={() => set('lastSeen', new Date(now()).toISOString())}>
              {t('edit.now')[0]}
            </button>
          ),
        })}
      </Group>
      {errors.other.length > 0 && (
        <p className="error" role="alert" data-testid="camera-edit-error">
          {errors.other.join('；')}
        </p>
      )}
      {confirming ? (
        <div className="camera-edit-confirm" role="alertdialog" data-testid="camera-edit-confirm">
          <p>
            {t('edit.confirmQuestion', { name: values.name || initial.externalId })[0]}
            <br />
            <small>{t('edit.confirmQuestion', { name: values.name || initial.externalId })[1]}</small>
          </p>
          <label>
            {t('edit.reason')[0]} <small>{t('edit.reason')[1]}</small>
            <input data-testid="camera-edit-reason" value={reason} maxLength={200} onChange={(e) => setReason(e.target.value)} />
          </label>
          <div className="camera-edit-actions">
            <button type="button" className="danger" data-testid="camera-edit-delete-confirm" disabled={busy} onClick={remove}>
              {t('edit.confirmDelete')[0]} <small>{t('edit.confirmDelete')[1]}</small>
            </button>
            <button type="button" data-testid="camera-edit-delete-cancel" disabled={busy} onClick={() => setConfirming(false)}>
              {t('edit.cancel')[0]} <small>{t('edit.cancel')[1]}</small>
            </button>
          </div>
        </div>
      ) : (
        <div className="camera-edit-actions">
          <button type="submit" className="primary" data-testid="camera-edit-save" disabled={busy}>
            {busy ? t('edit.saving')[0] : t('edit.save')[0]} <small>{busy ? t('edit.saving')[1] : t('edit.save')[1]}</small>
          </button>
          <button type="button" data-testid="camera-edit-cancel" disabled={busy} onClick={onCancel}>
            {t('edit.cancel')[0]} <small>{t('edit.cancel')[1]}</small>
          </button>
          {editing && (
            <button type="button" className="danger" data-testid="camera-edit-delete" disabled={busy} onClick={() => setConfirming(true)}>
              {t('edit.delete')[0]} <small>{t('edit.delete')[1]}</small>
            </button>
          )}
        </div>
      )}
    </form>
  );
}

function Group({ legend, children }: { legend: [string, string]; children: ReactNode }) {
  return (
    <fieldset className="camera-edit-group">
      <legend>
        {legend[0]} <small>{legend[1]}</small>
      </legend>
      <div className="camera-edit-grid">{children}</div>
    </fieldset>
  );
}

interface InputProps {
  field: CameraField;
  value: string;
  onChange(value: string): void;
  error: string | undefined;
  numeric?: boolean;
  step?: number;
  min?: number;
  max?: number;
  maxLength?: number;
  placeholder?: string;
  wide?: boolean;
  after?: ReactNode;
}

/** One labelled input: label in both languages, the unit beside the box, the rule's message under it. */
function Field({ locale, field, value, onChange, error, numeric, step, min, max, maxLength, placeholder, wide, after }: InputProps & { locale: Locale }) {
  const id = useId();
  const label = cameraFieldLabels[field];
  const [main, other] = bilingual(label, locale);
  return (
    <div className={`camera-edit-field${wide ? ' wide' : ''}${error ? ' invalid' : ''}`}>
      <label htmlFor={id}>
        {main} <small>{other}</small>
      </label>
      <span className="camera-edit-box">
        <input
          id={id}
          data-testid={`camera-edit-${field}`}
          type={numeric ? 'number' : 'text'}
          inputMode={numeric ? 'decimal' : undefined}
          step={numeric ? (step ?? 'any') : undefined}
          min={min}
          max={max}
          maxLength={maxLength}
          placeholder={placeholder}
          value={value}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => onChange(e.target.value)}
        />
        {label.unit && <span className="camera-edit-unit">{label.unit}</span>}
        {after}
      </span>
      {error && (
        <span className="camera-edit-field-error" id={`${id}-error`} role="alert" data-testid={`camera-edit-error-${field}`}>
          {error}
        </span>
      )}
    </div>
  );
}

function Choice({ locale, field, value, onChange, error, options }: { locale: Locale; field: CameraField; value: string; onChange(v: string): void; error: string | undefined; options: [string, { zh: string; en: string }][] }) {
  const id = useId();
  const [main, other] = bilingual(cameraFieldLabels[field], locale);
  const known = options.some(([k]) => k === value);
  return (
    <div className={`camera-edit-field${error ? ' invalid' : ''}`}>
      <label htmlFor={id}>
        {main} <small>{other}</small>
      </label>
      <select id={id} data-testid={`camera-edit-${field}`} value={value} aria-invalid={error ? true : undefined} onChange={(e) => onChange(e.target.value)}>
        {/* An imported value outside the list stays visible until changed (the host refuses saving it). */}
        {!known && <option value={value}>{value || '—'}</option>}
        {options.map(([k, l]) => (
          <option key={k} value={k}>
            {bilingual(l, locale).join(' ')}
          </option>
        ))}
      </select>
      {error && (
        <span className="camera-edit-field-error" role="alert" data-testid={`camera-edit-error-${field}`}>
          {error}
        </span>
      )}
    </div>
  );
}
