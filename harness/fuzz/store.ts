// What a fuzz run keeps on disk: the corpus (resumable: read at start, appended as the
// run goes) and findings, each written before the run goes on, atomically (a killed run
// leaves no half-written file). Reading either back is strict: a file that is not what
// this harness writes is a one-line UsageError naming it (exit 2), not a skipped entry.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { hash } from '../crypto/index.ts';
import { fromHex, toHex } from '../util/bytes.ts';
import { UsageError } from '../util/errors.ts';
import { writeAtomic } from '../util/fs.ts';
import { firstError, schemaValidator } from '../util/schema.ts';
import type { Call, Genome } from './types.ts';
import type { FindingKind } from './judge.ts';

const nameOf = (s: string | Uint8Array) => toHex(hash('sha256', typeof s === 'string' ? new TextEncoder().encode(s) : s)).slice(0, 16);
const genomeJson = (g: Genome) => ({ hex: toHex(g.bytes), reseal: g.reseal });

/** JSON from a file the harness wrote, or a UsageError naming it. */
function readJson(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new UsageError(`${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${path}: not JSON: ${(e as Error).message}`);
  }
}

/** A folder the run writes to: absent (made on first write) or a directory. */
export function checkDir(flag: string, path: string): void {
  if (existsSync(path) && !statSync(path).isDirectory()) throw new UsageError(`${flag} ${path}: not a directory`);
}

export class CorpusStore {
  private readonly dir: string;

  constructor(root: string, target: string) {
    this.dir = join(root, target);
  }

  private loaded?: Genome[];

  /** The entries there at the start (read once: a run checks every target's corpus before it begins). */
  load(): Genome[] {
    if (!this.loaded) this.loaded = this.read();
    return this.loaded;
  }

  private read(): Genome[] {
    if (!existsSync(this.dir)) return [];
    const valid = schemaValidator('fuzz_finding_v1.schema.json#/definitions/genome');
    return readdirSync(this.dir)
      .filter((n) => n.endsWith('.json'))
      .sort()
      .map((n) => {
        const path = join(this.dir, n);
        const o = readJson(path);
        if (!valid(o)) throw new UsageError(`${path}: not a corpus entry ({hex, reseal}): ${firstError(valid.errors)}`);
        const g = o as { hex: string; reseal: boolean };
        return { bytes: fromHex(g.hex), reseal: g.reseal };
      });
  }

  add(g: Genome): void {
    writeAtomic(join(this.dir, `${nameOf(g.bytes)}-${g.reseal ? 's' : 'r'}.json`), `${JSON.stringify(genomeJson(g))}\n`);
  }
}

export interface Finding {
  schema: 'fuzz_finding_v1.schema.json';
  signature: string;
  kind: FindingKind;
  target: string;
  adapter: string;
  genome: { hex: string; reseal: boolean };
  /** The exec's op calls as sent to the IUT (handles as "@i" = setup call i), and which one diverged. */
  calls: Call[];
  judged: number;
  model: unknown;
  iut: unknown;
  minimized: boolean;
  reproducer: string;
}

export class FindingStore {
  /** Findings present before this run started, by signature. */
  readonly known = new Map<string, { target: string; path: string }>();

  constructor(readonly root: string) {
    if (!existsSync(root)) return;
    for (const t of readdirSync(root, { withFileTypes: true })) {
      if (!t.isDirectory()) continue;
      for (const f of readdirSync(join(root, t.name), { withFileTypes: true })) {
        const p = join(root, t.name, f.name, 'finding.json');
        if (!f.isDirectory() || !existsSync(p)) continue;
        const k = FindingStore.read(p);
        this.known.set(k.signature, { target: k.target, path: p });
      }
    }
  }

  pathFor(target: string, signature: string): string {
    return join(this.root, target, nameOf(signature), 'finding.json');
  }

  save(f: Finding): string {
    const p = this.pathFor(f.target, f.signature);
    writeAtomic(p, `${JSON.stringify(f, null, 1)}\n`);
    return p;
  }

  static read(path: string): Finding {
    const o = readJson(path);
    const valid = schemaValidator('fuzz_finding_v1.schema.json');
    if (!valid(o)) throw new UsageError(`${path}: not a finding (fuzz_finding_v1): ${firstError(valid.errors)}`);
    return o as Finding;
  }

  static genome(f: Finding): Genome {
    return { bytes: fromHex(f.genome.hex), reseal: f.genome.reseal };
  }
}

export { genomeJson };
