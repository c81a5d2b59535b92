// ESLint rule: the one-way imports of ARCHITECTURE.md, as errors.
//   main/*, renderer/* may import preload/contract; preload/contract imports only zod;
//   main never imports renderer and the reverse; only main/electron and preload/index.ts import electron;
//   renderer/map knows no layer; no layer imports another; renderer and contract import no Node built-ins.
import { builtinModules } from 'node:module';
import { dirname, relative, resolve, sep } from 'node:path';

const nodeBuiltins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

/** The architectural room of a repo-relative path (posix separators). */
export function roomOf(rel) {
  const p = rel.split(sep).join('/').replace(/\.(ts|tsx|js|mjs|cjs)$/, '');
  if (p === 'preload/contract' || p.startsWith('preload/contract/')) return { room: 'contract' };
  if (p === 'preload/index') return { room: 'preload-entry' };
  if (p.startsWith('preload/')) return { room: 'preload' };
  if (p.startsWith('main/electron/')) return { room: 'main-electron' };
  if (p.startsWith('main/')) return { room: 'main' };
  const layer = /^renderer\/layers\/([^/]+)(\/|$)/.exec(p);
  if (layer) return { room: 'renderer-layer', layer: layer[1] };
  if (p.startsWith('renderer/map/')) return { room: 'renderer-map' };
  if (p.startsWith('renderer/')) return { room: 'renderer' };
  return { room: 'other' };
}

const isRenderer = (r) => r.room.startsWith('renderer');
const isMain = (r) => r.room.startsWith('main');

/** Returns a message when `from` may not import `spec` (resolved to `target` for relative imports), else null. */
export function violation(from, spec, target) {
  if (spec === 'electron') {
    return from.room === 'main-electron' || from.room === 'preload-entry' ? null : "only main/electron and preload/index.ts may import 'electron'";
  }
  if (!target) {
    if (from.room === 'contract' && spec !== 'zod') return `preload/contract is environment-neutral: it imports only zod, not '${spec}'`;
    if ((isRenderer(from) || from.room === 'contract') && nodeBuiltins.has(spec)) return `the renderer runs in the browser: no Node built-in '${spec}'`;
    return null;
  }
  const to = roomOf(target);
  if (to.room === 'other') return null;
  if (from.room === 'contract' && to.room !== 'contract') return 'preload/contract may import only other contract files';
  if (isMain(from) && (isRenderer(to) || to.room === 'preload' || to.room === 'preload-entry')) return 'main may import preload/contract, never the renderer or the preload';
  if (isRenderer(from) && (isMain(to) || to.room === 'preload' || to.room === 'preload-entry')) return 'the renderer may import preload/contract, never main or the preload';
  if ((from.room === 'preload' || from.room === 'preload-entry') && (isMain(to) || isRenderer(to))) return 'the preload may not import main or the renderer';
  if (from.room === 'renderer-map' && to.room === 'renderer-layer') return 'renderer/map knows no concrete layer';
  if (from.room === 'renderer-layer' && to.room === 'renderer-layer' && to.layer !== from.layer) return `layers never import each other (${from.layer} → ${to.layer})`;
  return null;
}

export const importBoundaries = {
  meta: { type: 'problem', docs: { description: 'one-way imports between the rooms of ARCHITECTURE.md' }, schema: [{ type: 'object', properties: { root: { type: 'string' } } }] },
  create(context) {
    const root = context.options[0]?.root ?? context.cwd;
    const file = context.filename;
    const from = roomOf(relative(root, file));
    if (from.room === 'other') return {};
    const check = (node, source) => {
      if (!source || typeof source.value !== 'string') return;
      const spec = source.value;
      const target = spec.startsWith('.') ? relative(root, resolve(dirname(file), spec)) : null;
      const bare = target ? null : spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
      const msg = violation(from, target ? spec : bare, target);
      if (msg) context.report({ node: source, message: `${msg} (import '${spec}')` });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source),
    };
  },
};

export default { rules: { 'import-boundaries': importBoundaries } };
