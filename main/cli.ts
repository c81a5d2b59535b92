import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { appPaths, resolveStorePath } from './appPaths';
import { createHostRuntime, type HostRuntime } from './hostRuntime';
import { feedConfigFrom } from './services/monitoring/feedConfig';
import type { FeedConfig } from './services/monitoring/monitoringRuntime';
import { exportLayer } from './services/interchange/exportLayer';
import { importFile, suggestPlan } from './services/interchange/importService';
import { detectMapping } from './sources/interchange/fieldMapping';
import { isTimeSeries, readSource } from './sources/interchange/readSource';
import { FeaturesRepository } from './store/featuresRepository';
import { layerSchema } from './store/layerSchemas';
import { addImageryPack, listPacks } from './services/packsService';
import { importDemFile, setTerrainPack } from './services/terrainService';
import { runSl651Decode } from './sources/sl651/sl651DecodeCommand';
import { checkStore } from './store/checkStore';
import { openStore } from './store/openStore';
import { StoreRefusedError } from './store/openStore';
import { startWebHost, type WebHost } from './web/webHost';
import { drainageUsage, runDrainageCli } from './cliDrainage';
import { auditUsage, runAuditCli } from './cliAudit';
import { drillUsage, runDrillCli } from './cliDrill';

const usage = `cityops — 茅箭区城市运行指挥中心 CityOps

Usage:
  cityops serve [--port N] [--store PATH] [--sl651-port N [--sl651-host H]] [--mqtt URL]
                                            browser mode: HTTP + WebSocket host on 127.0.0.1; optional SL651
                                            TCP receiver and MQTT subscriber (env CITYOPS_SL651_PORT/_HOST,
                                            CITYOPS_MQTT_URL)
  cityops check --store PATH [--json]       integrity, schema version and GeoPackage validity (read-only)
  cityops seed [--store PATH]               create the store and load the embedded Maojian pack
  cityops info [--store PATH] [--json]      what the store holds
  cityops import FILE [--layer ID] [--crs EPSG:N] [--table T] [--encoding utf-8|gbk] [--store PATH] [--json]
                                            import GeoJSON, Shapefile (.shp/.zip), GeoPackage, CSV, KML/KMZ
                                            (all or nothing; re-importing updates by id)
  cityops export LAYER OUT.(gpkg|geojson|csv) [--overwrite] [--store PATH]
  cityops terrain import DEM.tif [--crs EPSG:N] [--store PATH]   a single-band GeoTIFF DEM becomes the terrain
  cityops terrain pack PATH [--id ID] [--store PATH]            use a quantized-mesh pack (folder or .mbtiles)
  cityops sl651 decode HEX|- [--json]       decode an SL 651-2014 frame (HEX/BCD or ASCII; - reads stdin)
  cityops pack add FILE [--id ID] [--table T] [--store PATH]
                                            register an imagery pack (.mbtiles, .gpkg tiles in EPSG:3857)
  cityops pack list [--store PATH] [--json] the registered imagery packs

${drainageUsage}
${auditUsage}
${drillUsage}
--store defaults to the per-user data directory.`;

export class UsageError extends Error {}

function parse(args: string[], options: NonNullable<ParseArgsConfig['options']>) {
  try {
    return parseArgs({ args, options, allowPositionals: false, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

export interface ServeHandle {
  host: WebHost;
  runtime: HostRuntime;
  close(): Promise<void>;
}

/** Starts browser mode; used by `cityops serve` and `npm start`. */
export async function serve(opts: { port?: number; store?: string; log?: (m: string) => void; feeds?: FeedConfig }): Promise<ServeHandle> {
  const paths = appPaths();
  if (!existsSync(join(paths.rendererDir, 'index.html'))) {
    throw new UsageError(`the renderer is not built (${paths.rendererDir}/index.html missing): run 'npm run build' or 'npm start'`);
  }
  const runtime = createHostRuntime(resolveStorePath(opts.store), 'browser', paths);
  try {
    const host = await startWebHost({
      dispatch: runtime.dispatch,
      bus: runtime.bus,
      rendererDir: paths.rendererDir,
      tiles: runtime.tiles,
      port: opts.port,
      log: opts.log,
    });
    await runtime.startFeeds(opts.feeds ?? {});
    return {
      host,
      runtime,
      close: async () => {
        await host.close();
        await runtime.close();
      },
    };
  } catch (err) {
    await runtime.close();
    throw err;
  }
}

export async function runCli(argv: string[], out = (s: string) => process.stdout.write(s + '\n'), err = (s: string) => process.stderr.write(s + '\n')): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'serve': {
        const { values } = parse(rest, {
          port: { type: 'string' },
          store: { type: 'string' },
          'sl651-port': { type: 'string' },
          'sl651-host': { type: 'string' },
          mqtt: { type: 'string' },
        });
        const port = values.port === undefined ? 0 : Number(values.port);
        if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port: '${String(values.port)}' is not a port number`);
        let feeds: FeedConfig;
        try {
          feeds = feedConfigFrom({ sl651Port: values['sl651-port'] as string | undefined, sl651Host: values['sl651-host'] as string | undefined, mqtt: values.mqtt as string | undefined });
        } catch (e) {
          throw new UsageError((e as Error).message);
        }
        const handle = await serve({ port, store: values.store as string | undefined, log: err, feeds });
        out(`CityOps browser mode / 浏览器模式: ${handle.host.url}`);
        out(`store: ${resolveStorePath(values.store as string | undefined)}`);
        const f = handle.runtime.monitoring.feeds();
        if (f.sl651.enabled) out(f.sl651.listening ? `SL651 receiver / 遥测站接收: tcp://${f.sl651.host}:${f.sl651.port}` : `SL651 receiver: ${f.sl651.error}`);
        if (f.mqtt.enabled) out(`MQTT: ${f.mqtt.url}`);
        const b = handle.runtime.bootstrap;
        if (b) out(`首次启动 first start: user '${b.username}', password '${b.password}' (change it at first sign-in; shown only now)`);
        await new Promise<void>((resolve) => {
          const stop = () => resolve();
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
        await handle.close();
        return 0;
      }
      case 'check': {
        const { values } = parse(rest, { store: { type: 'string' }, json: { type: 'boolean' } });
        if (!values.store) throw new UsageError('check needs --store PATH');
        const results = checkStore(resolveStorePath(values.store as string));
        const ok = results.every((r) => r.ok);
        if (values.json) out(JSON.stringify({ ok, results }, null, 2));
        else for (const r of results) (r.ok ? out : err)(`${r.ok ? 'ok  ' : 'FAIL'} ${r.name}: ${r.detail}`);
        return ok ? 0 : 1;
      }
      case 'seed': {
        const { values } = parse(rest, { store: { type: 'string' } });
        const runtime = createHostRuntime(resolveStorePath(values.store as string | undefined), 'browser', appPaths());
        const layers = runtime.ctx.features.listLayers();
        await runtime.close();
        for (const l of layers) out(`${l.id}: ${l.featureCount} features (${l.source || 'empty'})`);
        return 0;
      }
      case 'info': {
        const { values } = parse(rest, { store: { type: 'string' }, json: { type: 'boolean' } });
        const runtime = createHostRuntime(resolveStorePath(values.store as string | undefined), 'browser', appPaths(), { seed: false });
        const info = { storePath: runtime.ctx.store.path, schemaVersion: runtime.ctx.store.schemaVersion, layers: runtime.ctx.features.listLayers() };
        runtime.close();
        if (values.json) out(JSON.stringify(info, null, 2));
        else {
          out(`store ${info.storePath} (schema ${info.schemaVersion})`);
          for (const l of info.layers) out(`  ${l.id}  ${l.title.zh} / ${l.title.en}: ${l.featureCount} features`);
        }
        return 0;
      }
      case 'import': {
        const { values, positionals } = parseArgs({
          args: rest,
          options: { layer: { type: 'string' }, crs: { type: 'string' }, table: { type: 'string' }, encoding: { type: 'string' }, store: { type: 'string' }, json: { type: 'boolean' } },
          allowPositionals: true,
          strict: true,
        });
        if (positionals.length !== 1) throw new UsageError('import needs exactly one FILE');
        if (values.crs && !/^EPSG:\d{4,5}$/.test(values.crs)) throw new UsageError(`--crs: '${values.crs}' is not EPSG:<code>`);
        const file = positionals[0]!;
        const opts = { crs: values.crs, table: values.table, encoding: values.encoding };
        const store = openStore(resolveStorePath(values.store));
        try {
          let plan = null;
          if (values.layer) {
            const data = await readSource(file, opts);
            if (isTimeSeries(data)) throw new UsageError('--layer does not apply to a time-series CSV');
            const suggested = suggestPlan(data);
            const schema = layerSchema(values.layer);
            plan = { ...suggested, layerId: schema ? values.layer : values.layer.startsWith('new:') ? values.layer : `new:${values.layer}`, mapping: schema ? detectMapping(data.fields.map((f) => f.name), schema) : {} };
          }
          const outcome = await importFile(store.db, file, plan, opts);
          if (values.json) out(JSON.stringify(outcome, null, 2));
          else if (outcome.kind === 'features') {
            out(`imported ${outcome.count} features into layer ${outcome.layerId} (${outcome.inserted} new, ${outcome.updated} updated by id)`);
            if (outcome.bbox) out(`bbox ${outcome.bbox.map((v) => v.toFixed(6)).join(', ')}`);
          } else out(`imported ${outcome.count} observations in ${outcome.streams} streams (${outcome.inserted} new, ${outcome.updated} updated)`);
          if (!values.json) for (const w of outcome.warnings) out(`warning: ${w}`);
        } finally {
          store.close();
        }
        return 0;
      }
      case 'export': {
        const { values, positionals } = parseArgs({ args: rest, options: { store: { type: 'string' }, overwrite: { type: 'boolean' } }, allowPositionals: true, strict: true });
        if (positionals.length !== 2) throw new UsageError('export needs LAYER and OUT');
        const store = openStore(resolveStorePath(values.store));
        try {
          const r = exportLayer(new FeaturesRepository(store.db), positionals[0]!, positionals[1]!, { overwrite: values.overwrite });
          out(`exported ${r.count} features of ${positionals[0]} to ${r.path} (${r.format})`);
        } finally {
          store.close();
        }
        return 0;
      }
      case 'terrain': {
        const [sub, ...args] = rest;
        const { values, positionals } = parseArgs({ args, options: { crs: { type: 'string' }, id: { type: 'string' }, store: { type: 'string' } }, allowPositionals: true, strict: true });
        if (positionals.length !== 1) throw new UsageError(`terrain ${sub ?? ''} needs exactly one PATH`);
        const store = openStore(resolveStorePath(values.store));
        try {
          if (sub === 'import') {
            const r = await importDemFile(store.db, positionals[0]!, { crs: values.crs });
            out(`terrain: ${r.width}×${r.height} grid, ${r.minHeight.toFixed(1)}–${r.maxHeight.toFixed(1)} m, extent ${r.extent.map((v) => v.toFixed(5)).join(', ')} (${r.crs})`);
            for (const w of r.warnings) out(`warning: ${w}`);
          } else if (sub === 'pack') {
            const pack = setTerrainPack(store, positionals[0]!, values.id);
            out(`terrain pack ${pack.id}: ${pack.title} (${pack.format}, zoom ${pack.minZoom}–${pack.maxZoom})${pack.coversMaojian() ? '' : ' — warning: it does not cover Maojian'}`);
            pack.close();
          } else throw new UsageError(`unknown terrain command '${sub ?? ''}' (import, pack)`);
        } finally {
          store.close();
        }
        return 0;
      }
      case 'sl651':
        return await runSl651Decode(rest, out, err, async () => {
          const chunks: Buffer[] = [];
          for await (const c of process.stdin) chunks.push(c as Buffer);
          return Buffer.concat(chunks).toString('utf8');
        });
      case 'pack': {
        const [sub, ...args] = rest;
        if (sub === 'add') {
          const { values, positionals } = parseArgs({ args, options: { id: { type: 'string' }, table: { type: 'string' }, store: { type: 'string' } }, allowPositionals: true, strict: true });
          if (positionals.length !== 1) throw new UsageError('pack add needs exactly one FILE');
          const store = openStore(resolveStorePath(values.store));
          try {
            const row = addImageryPack(store, positionals[0]!, { id: values.id, table: values.table });
            out(`pack ${row.id}: ${row.title} (${row.format}, zoom ${row.min_zoom}–${row.max_zoom}) → ${row.path}`);
          } finally {
            store.close();
          }
          return 0;
        }
        if (sub === 'list') {
          const { values } = parse(args, { store: { type: 'string' }, json: { type: 'boolean' } });
          const store = openStore(resolveStorePath(values.store as string | undefined));
          const rows = listPacks(store);
          store.close();
          if (values.json) out(JSON.stringify(rows, null, 2));
          else for (const r of rows) out(`${r.id}\t${r.format}\tz${r.min_zoom}–${r.max_zoom}\t${r.title}\t${r.path}`);
          return 0;
        }
        throw new UsageError(`unknown pack command '${sub ?? ''}' (add, list)`);
      }
      case undefined:
      case 'trace':
      case 'drainage':
        return await runDrainageCli(command as 'trace' | 'drainage', rest, out, err);
      case 'drill':
        return await runDrillCli(rest, out, err);
      case 'audit':
      case 'user':
        return await runAuditCli(command, rest, out, err);
      case 'help':
      case '--help':
      case '-h':
        out(usage);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command '${command}'`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      err(`cityops: ${e.message}\n\n${usage}`);
      return 2;
    }
    if (e instanceof StoreRefusedError || ['BAD_INPUT', 'STORE_REFUSED', 'NOT_FOUND'].includes((e as { code?: string }).code ?? '')) {
      err(`cityops: ${(e as Error).message}`);
      return 1;
    }
    err(`cityops: ${(e as Error).stack ?? String(e)}`);
    return 1;
  }
}
