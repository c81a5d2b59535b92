import type Database from 'better-sqlite3';
import type { z } from 'zod';
import {
  cameraAdminRoles,
  cameraCreateInput,
  cameraDeleteInput,
  cameraExtent,
  cameraFields,
  cameraMessages,
  cameraPlaceIssues,
  cameraUpdateInput,
  duplicateIdMessage,
  lastSeenInFuture,
  unknownCameraMessage,
  type CameraAdminMethodName,
  type CameraAdminMethods,
  type CameraAdminRecord,
  type CameraExtent,
} from '../../../preload/contract/cameraAdminMethods';
import { roleLabels } from '../../../preload/contract/commandMethods';
import type { EventBus } from '../../rpc/eventBus';
import { refreshContentsExtent } from '../../store/featureTables';
import { encodeGpkgGeometry } from '../../store/gpkgGeometry';
import type { AuditLog } from '../audit/auditLog';
import type { Actor } from '../auth/actor';
import { CommandError } from '../auth/commandError';
import { parseCameraProps } from '../analysis/cameraRecord';
import { CAMERA_ADMIN_COLUMNS, cameraColumnOf, SUB_STREAM_PROP, toCameraAdminRecord, type CameraAdminRow } from './cameraAdminRecord';
import { cameraAuditView } from './cameraAuditView';

type Output<M extends CameraAdminMethodName> = z.output<CameraAdminMethods[M]['output']>;
type Issue = { field: string; message: string };

export interface CameraAdminOptions {
  now?: () => number;
  /** Where 'store.changed' goes after a committed change (the windows reload the cameras layer). */
  bus?: Pick<EventBus, 'emit'>;
}

const LAYER = 'cameras';

/**
 * The camera registry editor (issue 7): an administrator creates, changes and deletes cameras of the `cameras` layer.
 * Every rule names its field (the contract's messages, which the edit form shows too); a change, its GeoPackage
 * geometry (R-tree by the layer's triggers, extent in gpkg_contents) and its audit record (before/after) land in one
 * transaction or not at all. A refusal changes nothing but the 'denied' record of a role refusal.
 */
export class CameraAdmin {
  private readonly now: () => number;
  private readonly bus: Pick<EventBus, 'emit'> | undefined;
  private readonly q: Record<'byId' | 'byFid' | 'insert' | 'remove' | 'district', Database.Statement>;
  private readonly updates = new Map<string, Database.Statement>();

  constructor(
    private readonly db: Database.Database,
    private readonly audit: AuditLog,
    options: CameraAdminOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.bus = options.bus;
    const table = db.prepare(`SELECT 1 FROM gpkg_contents WHERE table_name = ? AND data_type = 'features'`).get(LAYER);
    if (!table) throw new CommandError('NOT_FOUND', `the store has no '${LAYER}' feature layer`);
    this.q = {
      byId: db.prepare(`SELECT ${CAMERA_ADMIN_COLUMNS} FROM ${LAYER} WHERE external_id = ?`),
      byFid: db.prepare(`SELECT ${CAMERA_ADMIN_COLUMNS} FROM ${LAYER} WHERE fid = ?`),
      insert: db.prepare(
        `INSERT INTO ${LAYER} (external_id, name, geom, cam_type, status, heading, tilt, hfov, range_m, height_m, department, stream_url, last_seen, demo, props)
         VALUES (@externalId, @name, @geom, @camType, @status, @heading, @tilt, @hfov, @rangeM, @heightM, @department, @streamUrl, @lastSeen, 0, @props)`,
      ),
      remove: db.prepare(`DELETE FROM ${LAYER} WHERE fid = ?`),
      district: db.prepare(`SELECT min_x, min_y, max_x, max_y FROM gpkg_contents WHERE table_name = 'boundary'`),
    };
  }

  /** Where a camera may stand: the district boundary's extent grown by the contract's margin, else China. */
  extent(): CameraExtent {
    const r = this.q.district.get() as { min_x: number | null; min_y: number | null; max_x: number | null; max_y: number | null } | undefined;
    const bbox = r && r.min_x !== null && r.min_y !== null && r.max_x !== null && r.max_y !== null ? ([r.min_x, r.min_y, r.max_x, r.max_y] as const) : null;
    return cameraExtent(bbox);
  }

  /** The camera with this external id, or null. */
  get(id: string): CameraAdminRecord | null {
    const row = this.q.byId.get(id) as CameraAdminRow | undefined;
    return row ? toCameraAdminRecord(row) : null;
  }

  create(actor: Actor, raw: unknown): Output<'cameras.create'> {
    const rawId = (raw as { externalId?: unknown } | null)?.externalId;
    this.requireAdmin(actor, 'cameras.create', typeof rawId === 'string' ? `camera:${rawId}` : null);
    const input = parse(cameraCreateInput, raw, 'cameras.create');
    const issues = this.placeAndTimeIssues(input);
    const result = this.db.transaction(() => {
      if (this.q.byId.get(input.externalId)) issues.unshift({ field: 'externalId', message: duplicateIdMessage(input.externalId) });
      refuse('cameras.create', issues);
      const info = this.q.insert.run({
        externalId: input.externalId,
        name: input.name,
        geom: encodeGpkgGeometry({ type: 'Point', coordinates: [input.lon, input.lat] }),
        camType: input.camType,
        status: input.status,
        heading: input.heading ?? null,
        tilt: input.tilt ?? null,
        hfov: input.hfov ?? null,
        rangeM: input.rangeM ?? null,
        heightM: input.heightM ?? null,
        department: input.department ?? null,
        streamUrl: input.streamUrl ?? null,
        lastSeen: input.lastSeen ?? null,
        props: input.subStreamUrl ? JSON.stringify({ [SUB_STREAM_PROP]: input.subStreamUrl }) : null,
      });
      const camera = this.mustFid(Number(info.lastInsertRowid));
      refreshContentsExtent(this.db, LAYER);
      const entry = this.audit.append(actor, 'cameras.create', `camera:${camera.externalId}`, { fid: camera.fid, before: null, after: cameraAuditView(camera) });
      return { camera, auditSeq: entry.seq };
    })();
    this.changed('cameras.create');
    return result;
  }

  update(actor: Actor, raw: unknown): Output<'cameras.update'> {
    const rawId = (raw as { id?: unknown } | null)?.id;
    this.requireAdmin(actor, 'cameras.update', typeof rawId === 'string' ? `camera:${rawId}` : null);
    const input = parse(cameraUpdateInput, raw, 'cameras.update');
    const issues = this.placeAndTimeIssues(input);
    const result = this.db.transaction(() => {
      const before = this.mustId(input.id);
      if (input.externalId !== undefined && input.externalId !== before.externalId && this.q.byId.get(input.externalId)) {
        issues.unshift({ field: 'externalId', message: duplicateIdMessage(input.externalId) });
      }
      refuse('cameras.update', issues);
      const changed = cameraFields.filter((f) => input[f] !== undefined && input[f] !== before[f]);
      if (changed.length === 0) return { camera: before, changed, auditSeq: null };
      const sets: string[] = [];
      const values: unknown[] = [];
      for (const f of changed) {
        const column = cameraColumnOf[f];
        if (column) {
          sets.push(`"${column}" = ?`);
          values.push(input[f]);
        }
      }
      if (changed.includes('lon') || changed.includes('lat')) {
        sets.push(`geom = ?`);
        values.push(encodeGpkgGeometry({ type: 'Point', coordinates: [input.lon!, input.lat!] }));
      }
      if (changed.includes('subStreamUrl')) {
        const row = this.q.byFid.get(before.fid) as CameraAdminRow;
        const props = parseCameraProps(row.props);
        if (input.subStreamUrl) props[SUB_STREAM_PROP] = input.subStreamUrl;
        else delete props[SUB_STREAM_PROP];
        sets.push(`props = ?`);
        values.push(Object.keys(props).length ? JSON.stringify(props) : null);
      }
      this.updateStatement(sets).run(...values, before.fid);
      const camera = this.mustFid(before.fid);
      refreshContentsExtent(this.db, LAYER);
      const entry = this.audit.append(actor, 'cameras.update', `camera:${camera.externalId}`, {
        fid: camera.fid,
        ...(camera.externalId !== before.externalId ? { renamedFrom: before.externalId } : {}),
        before: cameraAuditView(before, changed),
        after: cameraAuditView(camera, changed),
      });
      return { camera, changed, auditSeq: entry.seq };
    })();
    if (result.auditSeq !== null) this.changed('cameras.update');
    return result;
  }

  delete(actor: Actor, raw: unknown): Output<'cameras.delete'> {
    const rawId = (raw as { id?: unknown } | null)?.id;
    this.requireAdmin(actor, 'cameras.delete', typeof rawId === 'string' ? `camera:${rawId}` : null);
    const input = parse(cameraDeleteInput, raw, 'cameras.delete');
    const result = this.db.transaction(() => {
      const before = this.mustId(input.id);
      this.q.remove.run(before.fid);
      refreshContentsExtent(this.db, LAYER);
      // The record keeps the whole camera: the trail outlives the row (and tells how to put it back).
      const entry = this.audit.append(actor, 'cameras.delete', `camera:${before.externalId}`, {
        fid: before.fid,
        before: cameraAuditView(before),
        after: null,
        ...(input.reason ? { reason: input.reason } : {}),
      });
      return { deleted: { fid: before.fid, externalId: before.externalId }, auditSeq: entry.seq };
    })();
    this.changed('cameras.delete');
    return result;
  }

  // ---- helpers ----

  /** Admin only (the contract's cameraAdminRoles); a refusal is audited as 'denied' and changes nothing else. */
  private requireAdmin(actor: Actor, method: CameraAdminMethodName, target: string | null): void {
    if ((cameraAdminRoles as readonly string[]).includes(actor.role)) return;
    const reason = `${roleLabels[actor.role].zh}无权执行 / ${method}: role '${actor.role}' may not call it (allowed: ${cameraAdminRoles.join(', ')})`;
    this.audit.append(actor, 'denied', target, { method, reason });
    throw new CommandError('UNAUTHORIZED', reason);
  }

  /** Rules that need more than the input's shape: the position against the district, lastSeen against the clock. */
  private placeAndTimeIssues(input: { lon?: number; lat?: number; lastSeen?: string | null }): Issue[] {
    const issues: Issue[] = [];
    if (input.lon !== undefined && input.lat !== undefined) issues.push(...cameraPlaceIssues(input.lon, input.lat, this.extent()));
    if (input.lastSeen && lastSeenInFuture(input.lastSeen, this.now())) issues.push({ field: 'lastSeen', message: cameraMessages.lastSeenFuture });
    return issues;
  }

  private mustId(id: string): CameraAdminRecord {
    const c = this.get(id);
    if (!c) throw new CommandError('NOT_FOUND', `id: ${unknownCameraMessage(id)}`);
    return c;
  }

  private mustFid(fid: number): CameraAdminRecord {
    return toCameraAdminRecord(this.q.byFid.get(fid) as CameraAdminRow);
  }

  /** One prepared statement per set of changed columns (the column names come from cameraColumnOf, never the input). */
  private updateStatement(sets: string[]): Database.Statement {
    const sql = `UPDATE ${LAYER} SET ${sets.join(', ')} WHERE fid = ?`;
    let s = this.updates.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.updates.set(sql, s);
    }
    return s;
  }

  private changed(reason: CameraAdminMethodName): void {
    this.bus?.emit('store.changed', { layerIds: [LAYER], reason, at: new Date(this.now()).toISOString() });
  }
}

/** Parses with the contract's schema; every issue as `field: message`, all in one BAD_INPUT. */
function parse<S extends z.ZodType>(schema: S, raw: unknown, method: CameraAdminMethodName): z.output<S> {
  const r = schema.safeParse(raw ?? {});
  if (r.success) return r.data;
  throw badInput(
    method,
    r.error.issues.map((i) => ({ field: i.path.join('.') || '(input)', message: i.message })),
  );
}

const badInput = (method: CameraAdminMethodName, issues: Issue[]) => new CommandError('BAD_INPUT', `${method}: ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`);

function refuse(method: CameraAdminMethodName, issues: Issue[]): void {
  if (issues.length) throw badInput(method, issues);
}
