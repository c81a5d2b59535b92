import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';

/**
 * SHA-256 of every table's rows (each row as JSON with blobs in hex, rows sorted), by table name, plus the schema.
 * Two stores with the same checksums hold the same data, whatever their page layout. Used to prove that a drill
 * leaves the live store exactly as it was.
 */
export function tableChecksums(db: Database.Database): Record<string, string> {
  const out: Record<string, string> = {};
  const tables = db.prepare(`SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as { name: string; sql: string }[];
  const schema = createHash('sha256');
  for (const t of tables) {
    schema.update(`${t.name}\n${t.sql}\n`);
    const rows: string[] = [];
    for (const r of db.prepare(`SELECT * FROM "${t.name.replace(/"/g, '""')}"`).iterate() as Iterable<Record<string, unknown>>) {
      rows.push(JSON.stringify(r, (_k, v: unknown) => (Buffer.isBuffer(v) ? `x'${v.toString('hex')}'` : typeof v === 'bigint' ? v.toString() : v)));
    }
    rows.sort();
    const h = createHash('sha256');
    for (const r of rows) h.update(r).update('\n');
    out[t.name] = h.digest('hex');
  }
  out['(schema)'] = schema.digest('hex');
  return out;
}
