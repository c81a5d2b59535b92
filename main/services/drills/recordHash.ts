import { createHash } from 'node:crypto';
import { canonicalJson } from '../audit/canonicalJson';

/** The prev_hash of the first event (as in the audit log). */
export { GENESIS_HASH } from '../audit/auditHash';

/** The hashed fields of one recorded drill event, besides its payload. */
export interface RecordFields {
  seq: number;
  at: number;
  wallAt: number;
  kind: string;
  actor: string;
  entity: string | null;
}

/**
 * SHA-256 (hex) over the previous hash, a newline and the canonical JSON of
 * {seq, at, wallAt, kind, actor, entity, payload} (the audit log's rule, see auditHash).
 */
export function recordHash(prevHash: string, record: RecordFields & { payload: Record<string, unknown> }): string {
  return recordHashOfText(prevHash, record, canonicalJson(record.payload));
}

/**
 * The same hash from the payload's stored text, which must be its canonical JSON (rec_events.payload is written so):
 * the canonical JSON of the whole record is spliced together instead of re-encoding the payload. Keys in canonical
 * order: actor, at, entity, kind, payload, seq, wallAt.
 */
export function recordHashOfText(prevHash: string, f: RecordFields, payloadJson: string): string {
  const text = `{"actor":${JSON.stringify(f.actor)},"at":${num(f.at)},"entity":${f.entity === null ? 'null' : JSON.stringify(f.entity)},"kind":${JSON.stringify(f.kind)},"payload":${payloadJson},"seq":${num(f.seq)},"wallAt":${num(f.wallAt)}}`;
  return createHash('sha256').update(prevHash).update('\n').update(text).digest('hex');
}

function num(v: number): string {
  if (!Number.isFinite(v)) throw new TypeError(`recordHash: ${v} is not a finite number`);
  return JSON.stringify(v);
}
