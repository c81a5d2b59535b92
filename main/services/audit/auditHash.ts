import { createHash } from 'node:crypto';
import { canonicalJson } from './canonicalJson';

/** The prev_hash of the first record. */
export const GENESIS_HASH = '0'.repeat(64);

/** The hashed part of an audit record. */
export interface AuditRecord {
  seq: number;
  at: number;
  user: string;
  role: string;
  action: string;
  target: string | null;
  details: Record<string, unknown>;
}

/** SHA-256 (hex) over the previous hash, a newline and the canonical JSON of the record. */
export function auditHash(prevHash: string, record: AuditRecord): string {
  const { seq, at, user, role, action, target, details } = record;
  return createHash('sha256')
    .update(prevHash)
    .update('\n')
    .update(canonicalJson({ seq, at, user, role, action, target, details }))
    .digest('hex');
}
