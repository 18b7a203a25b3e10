// jsfuzz instruments every `.js` file it require()s, and only CommonJS. So: bundle the
// target's own code (ours) to one CJS file under the gitignored build folder, and the
// third-party packages it imports to one vendor file beside it, loaded with
// Module#_compile past the hook: coverage then counts our code only (instrumented ajv or
// noble cost 100x in speed). One vendor file per target, not one per package: packages
// that share a dependency must share its one instance (@peculiar/asn1-x509 registers
// its schemas in @peculiar/asn1-schema's storage, which the model also reads).
import { build } from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from '../../harness/util/schema.ts';

export const BUILD_DIR = join(ROOT, '.fuzz-build');

// Replaces the bundle's `require` for packages: the target's vendor file, compiled once without the hook.
const banner = (name: string) => `var require = ((req) => {
  const M = req('module'), fs = req('fs'), path = req('path');
  let vendor;
  return (id) => {
    if (M.isBuiltin(id)) return req(id);
    if (!vendor) {
      const file = path.join(__dirname, ${JSON.stringify(`${name}.vendor.cjs`)});
      const m = new M(file);
      m.filename = file;
      m._compile(fs.readFileSync(file, 'utf8'), file);
      vendor = m.exports;
    }
    return vendor[id];
  };
})(require);`;

/** Bundle fuzz/targets/NAME.ts (or `entry`) to .fuzz-build/NAME.js; returns its path relative to BUILD_DIR. */
export async function bundleTarget(name: string, entry = join(ROOT, 'fuzz/targets', `${name}.ts`)): Promise<string> {
  mkdirSync(BUILD_DIR, { recursive: true });
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
    banner: { js: banner(name) },
    // harness/util/schema.ts finds the repo (schemas) from its own URL.
    define: { 'import.meta.url': JSON.stringify(pathToFileURL(join(ROOT, 'harness/util/schema.ts')).href) },
  });
  const ids = [...new Set(Object.values(r.metafile.outputs).flatMap((o) => o.imports.filter((i) => i.external && !isBuiltin(i.path)).map((i) => i.path)))].sort();
  await build({
    stdin: { contents: `module.exports = {\n${ids.map((id) => `  ${JSON.stringify(id)}: require(${JSON.stringify(id)}),`).join('\n')}\n};\n`, resolveDir: ROOT, loader: 'js' },
    outfile: join(BUILD_DIR, `${name}.vendor.cjs`), bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'error',
  });
  return `${name}.js`;
}
