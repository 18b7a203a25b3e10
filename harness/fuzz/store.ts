// What a fuzz run keeps on disk: the corpus (resumable: read at start, appended as the
// run goes) and findings, each written synchronously before the run goes on.
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hash } from '../crypto/index.ts';
import { fromHex, toHex } from '../util/bytes.ts';
import type { Call, Genome } from './types.ts';
import type { FindingKind } from './judge.ts';

const nameOf = (s: string | Uint8Array) => toHex(hash('sha256', typeof s === 'string' ? new TextEncoder().encode(s) : s)).slice(0, 16);
const genomeJson = (g: Genome) => ({ hex: toHex(g.bytes), reseal: g.reseal });

export class CorpusStore {
  private readonly dir: string;

  constructor(root: string, target: string) {
    this.dir = join(root, target);
  }

  load(): Genome[] {
    if (!existsSync(this.dir)) return [];
    return readdirSync(this.dir)
      .filter((n) => n.endsWith('.json'))
      .sort()
      .flatMap((n) => {
        try {
          const o = JSON.parse(readFileSync(join(this.dir, n), 'utf8')) as { hex: string; reseal: boolean };
          return [{ bytes: fromHex(o.hex), reseal: o.reseal === true }];
        } catch {
          return [];
        }
      });
  }

  add(g: Genome): void {
    mkdirSync(this.dir, { recursive: true });
    writeFileSync(join(this.dir, `${nameOf(g.bytes)}-${g.reseal ? 's' : 'r'}.json`), `${JSON.stringify(genomeJson(g))}\n`);
  }
}

export interface Finding {
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
  /** Signatures present before this run started. */
  readonly known = new Set<string>();

  constructor(readonly root: string) {
    if (!existsSync(root)) return;
    for (const t of readdirSync(root, { withFileTypes: true })) {
      if (!t.isDirectory()) continue;
      for (const f of readdirSync(join(root, t.name), { withFileTypes: true })) {
        const p = join(root, t.name, f.name, 'finding.json');
        if (f.isDirectory() && existsSync(p)) this.known.add((JSON.parse(readFileSync(p, 'utf8')) as Finding).signature);
      }
    }
  }

  pathFor(target: string, signature: string): string {
    return join(this.root, target, nameOf(signature), 'finding.json');
  }

  save(f: Finding): string {
    const p = this.pathFor(f.target, f.signature);
    mkdirSync(join(p, '..'), { recursive: true });
    writeFileSync(p, `${JSON.stringify(f, null, 1)}\n`);
    return p;
  }

  static read(path: string): Finding {
    return JSON.parse(readFileSync(path, 'utf8')) as Finding;
  }

  static genome(f: Finding): Genome {
    return { bytes: fromHex(f.genome.hex), reseal: f.genome.reseal };
  }
}

export { genomeJson };
