import type { CameraFilter } from '../../layers/cameras/cameraFilter';
import type { Locale } from '../../ui/locale';
import { videoText, type VideoTextKey } from '../video/videoText';
import { cameraText } from './cameraText';

export interface CameraFilterOptions {
  statuses: string[];
  types: string[];
  departments: string[];
}

type Field = keyof CameraFilterOptions;

/** Pure: the filter after toggling one value of a field (undefined = all values of that field shown). */
export function toggleFilterValue(filter: CameraFilter, options: CameraFilterOptions, field: Field, value: string): CameraFilter {
  const current = filter[field] ?? options[field];
  const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
  const all = options[field].every((v) => next.includes(v));
  const out = { ...filter };
  if (all) delete out[field];
  else out[field] = next;
  return out;
}

/** Status, type and department check boxes; every change goes to the map through the tool. */
export function CameraFilters({ locale, filter, options, onChange }: { locale: Locale; filter: CameraFilter; options: CameraFilterOptions; onChange(f: CameraFilter): void }) {
  const t = cameraText(locale);
  const vt = videoText(locale);
  const label = (field: Field, v: string) => {
    if (v === '') return t('filter.none');
    if (field === 'statuses') return (vt(`status.${v}` as VideoTextKey) as string | undefined) ?? v;
    if (field === 'types') return (vt(`camType.${v}` as VideoTextKey) as string | undefined) ?? v;
    return v;
  };
  const groups: [Field, string][] = [
    ['statuses', t('filter.status')],
    ['types', t('filter.type')],
    ['departments', t('filter.department')],
  ];
  return (
    <div className="camera-filters" data-testid="camera-filters">
      {groups.map(([field, title]) => (
        <fieldset key={field}>
          <legend>{title}</legend>
          {options[field].map((v) => (
            <label key={v} className={`chip ${field}-${v || 'none'}`}>
              <input type="checkbox" data-testid={`filter-${field}-${v || 'none'}`} checked={(filter[field] ?? options[field]).includes(v)} onChange={() => onChange(toggleFilterValue(filter, options, field, v))} />
              {label(field, v)}
            </label>
          ))}
        </fieldset>
      ))}
    </div>
  );
}
