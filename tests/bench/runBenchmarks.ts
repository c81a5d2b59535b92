// npm run bench: every benchmark, each next to a baseline measured in the same run, as one table.
// npm run bench -- 'SL651 ingest' 'drill injects': only the benchmarks whose name contains one of the arguments.
import { printTable, type Row } from './benchHarness';
import { importThroughputBench } from './importThroughput.bench';
import { storeQueryBench } from './storeQuery.bench';
import { terrainTilesBench } from './terrainTiles.bench';
import { timeSeriesBench } from './timeSeries.bench';
import { sl651IngestBench } from './sl651Ingest.bench';
import { drainageNetworkBench } from './drainageNetwork.bench';
import { cameraCoverageBench } from './cameraCoverage.bench';
import { auditVerifyBench } from './auditVerify.bench';
import { drillReplayBench } from './drillReplay.bench';
import { drillInjectsBench } from './drillInjects.bench';
import { drainageRenderBench } from './drainageRender.bench';
import { cameraRenderBench } from './cameraRender.bench';

const benches: [string, () => Row[] | Promise<Row[]>][] = [
  ['store query', storeQueryBench],
  ['terrain tiles', terrainTilesBench],
  ['import throughput', importThroughputBench],
  ['time series', timeSeriesBench],
  ['SL651 ingest', sl651IngestBench],
  ['drainage network', drainageNetworkBench],
  ['camera coverage', cameraCoverageBench],
  ['audit verify', auditVerifyBench],
  ['drill replay', drillReplayBench],
  ['drill injects', drillInjectsBench],
  ['drainage render', drainageRenderBench],
  ['camera render', cameraRenderBench],
];

const only = process.argv.slice(2).map((a) => a.toLowerCase());
const chosen = only.length === 0 ? benches : benches.filter(([name]) => only.some((o) => name.toLowerCase().includes(o)));
if (chosen.length === 0) throw new Error(`no benchmark matches ${only.join(', ')} (known: ${benches.map(([n]) => n).join(', ')})`);
const rows: Row[] = [];
for (const [name, run] of chosen) {
  process.stderr.write(`bench: ${name}…\n`);
  rows.push(...(await run()));
}
printTable(rows);
process.exitCode = rows.every((r) => r.pass) ? 0 : 1;
