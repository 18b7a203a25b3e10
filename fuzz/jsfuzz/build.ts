// jsfuzz instruments every `.js` file it require()s, and only CommonJS. So: bundle the
// target's own code (ours) to one CJS file under the gitignored build folder, and
// bundle each third-party package apart and load it with Module#_compile, past the
// hook: coverage then counts our code only (instrumented ajv or noble cost 100x in speed).
import { build } from 'esbuild';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from '../../harness/util/schema.ts';

export const BUILD_DIR = join(ROOT, '.fuzz-build');
const VENDOR_DIR = join(BUILD_DIR, 'vendor');
const vendorFile = (id: string) => join(VENDOR_DIR, `${encodeURIComponent(id)}.cjs`);

// Replaces the bundle's `require` for packages: load the prebuilt vendor bundle without the hook.
const BANNER = `var require = ((req) => {
  const M = req('module'), fs = req('fs'), path = req('path'), cache = new Map();
  return (id) => {
    if (M.isBuiltin(id)) return req(id);
    if (!cache.has(id)) {
      const file = path.join(__dirname, 'vendor', encodeURIComponent(id) + '.cjs');
      const m = new M(file);
      m.filename = file;
      m._compile(fs.readFileSync(file, 'utf8'), file);
      cache.set(id, m);
    }
    return cache.get(id).exports;
  };
})(require);`;

async function bundleVendor(id: string): Promise<void> {
  if (existsSync(vendorFile(id))) return;
  await build({
    stdin: { contents: `module.exports = require(${JSON.stringify(id)});`, resolveDir: ROOT, loader: 'js' },
    outfile: vendorFile(id), bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'error',
  });
}

/** Bundle fuzz/targets/NAME.ts (or `entry`) to .fuzz-build/NAME.js; returns its path relative to ROOT. */
export async function bundleTarget(name: string, entry = join(ROOT, 'fuzz/targets', `${name}.ts`)): Promise<string> {
  mkdirSync(VENDOR_DIR, { recursive: true });
  // The package is ESM; the bundle must load as CommonJS.
  writeFileSync(join(BUILD_DIR, 'package.json'), '{ "type": "commonjs" }\n');
  const r = await build({
    // jsfuzz hands the target a Buffer; the model is given plain Uint8Arrays, as the adapter does.
    stdin: { contents: `import { fuzz as f } from ${JSON.stringify(entry)};\nexport function fuzz(b) { return f(new Uint8Array(b)); }\n`, resolveDir: ROOT, loader: 'ts' },
    outfile: join(BUILD_DIR, `${name}.js`),
    bundle: true,
    packages: 'external',
    metafile: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'error',
    banner: { js: BANNER },
    // harness/util/schema.ts finds the repo (schemas) from its own URL.
    define: { 'import.meta.url': JSON.stringify(pathToFileURL(join(ROOT, 'harness/util/schema.ts')).href) },
  });
  const ids = new Set(Object.values(r.metafile.outputs).flatMap((o) => o.imports.filter((i) => i.external && !isBuiltin(i.path)).map((i) => i.path)));
  for (const id of ids) await bundleVendor(id);
  return `.fuzz-build/${name}.js`;
}
