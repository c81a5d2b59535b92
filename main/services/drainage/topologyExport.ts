import { writeCsv } from '../../sources/interchange/writeCsv';
import { writeGeoPackage } from '../../sources/interchange/writeGeoPackage';
import type { ExportFeature } from '../../sources/interchange/exportFeature';
import { findingKinds, type TopologyFinding } from './topologyCheck';

/** Findings as point features (the location) with kind, severity, ids and both messages. */
export function findingFeatures(findings: TopologyFinding[]): ExportFeature[] {
  return findings.map((f, i) => ({
    id: i + 1,
    geometry: f.location ? { type: 'Point', coordinates: [f.location[0], f.location[1]] } : null,
    properties: {
      kind: f.kind,
      kind_zh: findingKinds.find((k) => k.kind === f.kind)?.title.zh ?? f.kind,
      severity: f.severity,
      pipe_id: f.pipeId,
      node_id: f.nodeId,
      message_zh: f.message.zh,
      message_en: f.message.en,
    },
  }));
}

/** CSV (UTF-8 with BOM, lon/lat columns) of the findings. */
export function exportFindingsCsv(findings: TopologyFinding[], file: string, opts: { overwrite?: boolean } = {}): { file: string; count: number } {
  const r = writeCsv(file, findingFeatures(findings), { overwrite: opts.overwrite, geometry: 'lonlat' });
  return { file: r.file, count: r.count };
}

/** A GeoPackage point layer `drainage_findings` (opens in ogrinfo / QGIS). */
export function exportFindingsGpkg(findings: TopologyFinding[], file: string, opts: { overwrite?: boolean } = {}): { file: string; count: number; table: string } {
  const r = writeGeoPackage(file, findingFeatures(findings), { overwrite: opts.overwrite, table: 'drainage_findings', description: '排水管网拓扑检查 Drainage topology check findings' });
  return { file: r.file, count: r.count, table: r.table };
}
