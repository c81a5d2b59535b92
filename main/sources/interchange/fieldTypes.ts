import type { SourceField, SourceFieldType } from './sourceDataset';

const isoDate = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

export function valueType(v: unknown): SourceFieldType | null {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  if (typeof v === 'bigint') return 'integer';
  if (typeof v === 'string') return isoDate.test(v) ? 'date' : 'string';
  return 'unknown';
}

/** Field list in first-seen order with a type that fits every non-empty value. */
export function inferFields(rows: Record<string, unknown>[], declared?: Map<string, SourceFieldType>): SourceField[] {
  const types = new Map<string, SourceFieldType | null>();
  for (const row of rows) {
    for (const [k, v] of Object.entries(row)) {
      const t = valueType(v);
      if (!types.has(k)) {
        types.set(k, t);
        continue;
      }
      const prev = types.get(k)!;
      if (t === null || prev === t) continue;
      if (prev === null) types.set(k, t);
      else if ((prev === 'integer' && t === 'number') || (prev === 'number' && t === 'integer')) types.set(k, 'number');
      else if ((prev === 'date' && t === 'string') || (prev === 'string' && t === 'date')) types.set(k, 'string');
      else types.set(k, 'unknown');
    }
  }
  const out: SourceField[] = [];
  for (const name of declared?.keys() ?? []) out.push({ name, type: declared!.get(name)! });
  for (const [name, t] of types) if (!declared?.has(name)) out.push({ name, type: t ?? 'unknown' });
  return out;
}
