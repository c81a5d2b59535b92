import type Database from 'better-sqlite3';
import { importDefects, type DefectImportResult } from './defectImport';
import { defectMedia, type DefectMedia } from './defectMedia';
import { drainageDataVersion, ensureGeometry, loadDrainageNetwork, type DrainageNetwork } from './drainageNetwork';
import type { TraceDirection, TraceResult } from './drainageTypes';
import { longitudinalProfile, type ProfileRequest, type ProfileResult } from './longitudinalProfile';
import { pipeCondition, worstPipes, type ConditionOptions, type PipeCondition, type WorstPipe } from './pipeCondition';
import { topologyCheck, type TopologyCheckOptions, type TopologyReport } from './topologyCheck';
import { exportFindingsCsv, exportFindingsGpkg } from './topologyExport';
import { resolveStart, traceNetwork, type TraceOptions } from './traceNetwork';

export interface PipeNeighbours {
  kind: 'node' | 'pipe';
  id: string;
  /** For a pipe: its up_node and down_node; for a node: the nodes one pipe away. */
  upNodes: string[];
  downNodes: string[];
  /** Pipes arriving at (upstream of) and leaving (downstream of) the node, or the pipe's end nodes. */
  upPipes: string[];
  downPipes: string[];
}

export interface CheckExport {
  csv?: string;
  gpkg?: string;
  overwrite?: boolean;
}

/**
 * The drainage analyses over one store, for the RPC layer and the CLI. The network is loaded once and reloaded when
 * the drainage layers change (their gpkg_contents last_change, row count or max fid), or after invalidate().
 */
export class DrainageService {
  private net: DrainageNetwork | null = null;
  private version = '';

  constructor(private readonly db: Database.Database) {}

  /** The current network (loaded lazily, cached). */
  network(): DrainageNetwork {
    const v = drainageDataVersion(this.db);
    if (!this.net || v !== this.version) {
      this.net = loadDrainageNetwork(this.db);
      this.version = v;
    }
    return this.net;
  }

  invalidate(): void {
    this.net = null;
  }

  trace(id: string, direction: TraceDirection, opts: TraceOptions = {}): TraceResult {
    return traceNetwork(this.network(), id, direction, opts);
  }

  profile(req: ProfileRequest): ProfileResult {
    return longitudinalProfile(ensureGeometry(this.network(), this.db), req);
  }

  check(opts: TopologyCheckOptions = {}, exportTo: CheckExport = {}): TopologyReport & { exported: { csv?: string; gpkg?: string } } {
    const report = topologyCheck(ensureGeometry(this.network(), this.db), opts);
    const exported: { csv?: string; gpkg?: string } = {};
    if (exportTo.csv) exported.csv = exportFindingsCsv(report.findings, exportTo.csv, { overwrite: exportTo.overwrite }).file;
    if (exportTo.gpkg) exported.gpkg = exportFindingsGpkg(report.findings, exportTo.gpkg, { overwrite: exportTo.overwrite }).file;
    return { ...report, exported };
  }

  condition(pipeId: string, opts: ConditionOptions = {}): PipeCondition {
    return pipeCondition(this.db, pipeId, opts);
  }

  importDefects(file: string): DefectImportResult {
    return importDefects(this.db, file);
  }

  /** The photo stored with one defect (only the path its import recorded is read; see defectMedia). */
  defectMedia(defectId: number): DefectMedia {
    return defectMedia(this.db, defectId);
  }

  worstPipes(opts: { limit?: number; by?: 'RI' | 'MI' } = {}): WorstPipe[] {
    return worstPipes(this.db, opts);
  }

  /** Up- and downstream neighbours of a node or pipe, for the inspect panel. */
  pipeNeighbours(id: string, kind?: 'node' | 'pipe'): PipeNeighbours {
    const net = this.network();
    const start = resolveStart(net, id, kind);
    const nodeName = (n: number) => (n >= 0 ? [net.nodeId[n]!] : []);
    if (start.kind === 'pipe') {
      const p = start.index;
      const up = net.pipeUp[p]!;
      const down = net.pipeDown[p]!;
      const upPipes: string[] = [];
      const downPipes: string[] = [];
      if (up >= 0) for (let k = net.inStart[up]!; k < net.inStart[up + 1]!; k++) upPipes.push(net.pipeId[net.inPipe[k]!]!);
      if (down >= 0) for (let k = net.outStart[down]!; k < net.outStart[down + 1]!; k++) downPipes.push(net.pipeId[net.outPipe[k]!]!);
      return { kind: 'pipe', id, upNodes: nodeName(up), downNodes: nodeName(down), upPipes, downPipes };
    }
    const u = start.index;
    const r: PipeNeighbours = { kind: 'node', id, upNodes: [], downNodes: [], upPipes: [], downPipes: [] };
    for (let k = net.inStart[u]!; k < net.inStart[u + 1]!; k++) {
      const e = net.inPipe[k]!;
      r.upPipes.push(net.pipeId[e]!);
      r.upNodes.push(...nodeName(net.pipeUp[e]!));
    }
    for (let k = net.outStart[u]!; k < net.outStart[u + 1]!; k++) {
      const e = net.outPipe[k]!;
      r.downPipes.push(net.pipeId[e]!);
      r.downNodes.push(...nodeName(net.pipeDown[e]!));
    }
    return r;
  }
}
