// One target against one IUT: batches of structure-aware mutants sent pipelined (the
// whole batch in flight), each judged against the model; new verdict pairs grow the
// corpus; findings are saved at once, minimized, saved again. Batches make the run
// deterministic for a seed: the corpus only changes between batches.
import { MAX_IN_FLIGHT } from '../../adapters/protocol/constants.ts';
import type { Response } from '../../adapters/reference/engine.ts';
import { AdapterStartError, type CallOutcome } from '../runner/client.ts';
import { judge, signature, type Judgement } from './judge.ts';
import { mutate } from './mutate.ts';
import type { Pair } from './pair.ts';
import type { Rng } from './rng.ts';
import { genomeJson, type CorpusStore, type Finding, type FindingStore } from './store.ts';
import type { Call, Genome, OopTarget } from './types.ts';

export interface LoopOptions {
  rng: Rng;
  deadline: number;
  /** Aborted: stop launching (the batch in flight is still judged) and stop minimizing. */
  signal?: AbortSignal;
  maxExecs: number;
  batch: number;
  corpus: CorpusStore;
  findings: FindingStore;
  reproducer: (findingPath: string) => string;
  onFinding?: (f: Finding, path: string) => void;
  onBatch?: (execs: number) => void;
}

export interface LoopResult {
  execs: number;
  corpusSize: number;
  /** Signatures of findings saved by this run (new or already known). */
  found: { signature: string; path: string; kind: string }[];
  /** Set when the IUT could not be (re)started: why the run ended early. */
  stopped?: string;
}

/** One exec judged: the first call on which the two sides disagree, else the last. */
interface Exec {
  calls: Call[];
  /** Index of the judged call. */
  at: number;
  judgement: Judgement;
  model: unknown;
  iut: CallOutcome;
  /** Every call's verdict pair: what makes an input new for the corpus. */
  key: string;
}

const modelOut = (r: Response): unknown => (r.ok ? r.result : r.error);

function judgeExec(t: OopTarget, calls: Call[], models: Response[], outs: CallOutcome[]): Exec {
  const js = calls.map((c, i) => judge(t, c.op, models[i], outs[i]));
  const first = js.findIndex((j) => j.kind);
  const at = first === -1 ? js.length - 1 : first;
  return { calls, at, judgement: js[at], model: modelOut(models[at]), iut: outs[at], key: js.map((j) => `${j.model}|${j.iut}`).join(';') };
}

/** The calls of one exec sent pipelined to the IUT and run on the model, in order. */
function send(pair: Pair, g: Genome): { calls: Call[]; pending: Promise<CallOutcome>[]; models: Response[] } {
  const calls = pair.target.calls(g, pair.nextExec());
  return { calls, pending: calls.map((c) => pair.iutCall(c)), models: calls.map((c) => pair.modelCall(c)) };
}

/** One input, alone (no pipelining with other inputs): restarts the IUT first if it is down. */
export async function runOne(pair: Pair, g: Genome): Promise<Exec> {
  await pair.ensure();
  const s = send(pair, g);
  return judgeExec(pair.target, s.calls, s.models, await Promise.all(s.pending));
}

/** Greedy chunk removal keeping the signature; crash/hang tries cost a restart each, so fewer. */
async function minimize(pair: Pair, g: Genome, sig: string, tries: number, signal?: AbortSignal): Promise<Genome> {
  let best = g;
  const more = () => tries > 0 && !signal?.aborted;
  for (let chunk = Math.max(1, best.bytes.length >> 1); chunk >= 1 && more(); chunk >>= 1) {
    for (let at = 0; at < best.bytes.length && more(); ) {
      const cand = { ...best, bytes: Uint8Array.from([...best.bytes.subarray(0, at), ...best.bytes.subarray(at + chunk)]) };
      tries--;
      const r = await runOne(pair, cand);
      if (r.judgement.kind && signature(pair.target.name, r.judgement) === sig) best = cand;
      else at += chunk;
    }
  }
  return best;
}

/** The IUT did not answer properly: which input caused it needs a replay alone. */
const isFault = (j: Judgement) => j.kind === 'crash' || j.kind === 'hang' || j.kind === 'protocol';

interface Batch {
  genomes: Genome[];
  sent: ReturnType<typeof send>[];
}

const lenBucket = (n: number) => (n < 32 ? n : 32 + Math.floor(Math.log2(n)));

export async function fuzzLoop(pair: Pair, o: LoopOptions): Promise<LoopResult> {
  const t = pair.target;
  const corpus: Genome[] = [...t.seeds(), ...o.corpus.load()];
  const seen = new Set<string>();
  const reported = new Set<string>();
  const res: LoopResult = { execs: 0, corpusSize: corpus.length, found: [] };
  const batch = Math.min(o.batch, MAX_IN_FLIGHT);

  /** Save a finding; then, unless `shrink` is false, minimize it against the IUT and save it again. */
  const record = async (g: Genome, e: Exec, shrink = true) => {
    const sig = signature(t.name, e.judgement);
    if (reported.has(sig)) return;
    reported.add(sig);
    const path = o.findings.pathFor(t.name, sig);
    if (o.findings.known.has(sig)) {
      // Found by an earlier run: its saved (minimized) example stays.
      res.found.push({ signature: sig, path, kind: e.judgement.kind! });
      return;
    }
    const f: Finding = {
      schema: 'fuzz_finding_v1.schema.json', signature: sig, kind: e.judgement.kind!, target: t.name, adapter: pair.client.spec, genome: genomeJson(g), calls: e.calls, judged: e.at,
      model: e.model, iut: e.iut, minimized: false, reproducer: '',
    };
    f.reproducer = o.reproducer(path);
    // Saved and counted before anything else can go wrong (minimizing restarts a crashed IUT).
    o.findings.save(f);
    res.found.push({ signature: sig, path, kind: f.kind });
    o.onFinding?.(f, path);
    if (!shrink) return;
    const small = await minimize(pair, g, sig, isFault(e.judgement) ? 6 : 200, o.signal);
    const again = await runOne(pair, small);
    if (signature(t.name, again.judgement) === sig) {
      Object.assign(f, { genome: genomeJson(small), calls: again.calls, judged: again.at, model: again.model, iut: again.iut, minimized: true });
      o.findings.save(f);
    }
  };

  // Two half-batches in flight: the IUT works on one while the other is judged. The next
  // half is made before the previous is judged, a fixed schedule, so a seed still fixes every input.
  const half = Math.max(1, Math.ceil(batch / 2));
  let launched = 0;
  const launch = (): Batch | null => {
    const n = Math.min(half, o.maxExecs - launched);
    if (n <= 0 || Date.now() >= o.deadline || o.signal?.aborted) return null;
    launched += n;
    const genomes = Array.from({ length: n }, () => mutate(o.rng, o.rng.pick(corpus), t.fields, o.rng.pick(corpus)));
    return { genomes, sent: genomes.map((g) => send(pair, g)) };
  };

  try {
    await pair.ensure();
    let cur = launch();
    while (cur) {
      const next = launch();
      const outs = await Promise.all(cur.sent.map((s) => Promise.all(s.pending)));
      res.execs += cur.genomes.length;
      const faulted: { g: Genome; e: Exec }[] = [];
      for (let i = 0; i < cur.genomes.length; i++) {
        const g = cur.genomes[i];
        const e = judgeExec(t, cur.sent[i].calls, cur.sent[i].models, outs[i]);
        if (isFault(e.judgement)) {
          faulted.push({ g, e });
          continue;
        }
        const key = `${e.key}|${lenBucket(g.bytes.length)}`;
        if (!seen.has(key)) {
          seen.add(key);
          corpus.push(g);
          o.corpus.add(g);
        }
        if (e.judgement.kind) await record(g, e);
      }
      if (faulted.length) {
        // A crash, hang or broken stream fails everything in flight, the next half-batch too (dropped,
        // not counted): replay the failed inputs one at a time to find the culprit. If none fails
        // alone, the first is kept anyway: nothing found is dropped.
        // (A shim may answer a chunk of requests at once, so the culprit can be in the next half.)
        const suspects = faulted.map((f) => f.g);
        if (next) {
          const later = await Promise.all(next.sent.map((s) => Promise.all(s.pending)));
          launched -= next.genomes.length;
          suspects.push(...next.genomes.filter((_, i) => later[i].some((x) => x.kind === 'fault')));
        }
        let culprit = false;
        try {
          for (const g of suspects) {
            const e = await runOne(pair, g);
            if (isFault(e.judgement)) {
              await record(g, e);
              culprit = true;
              break;
            }
          }
        } catch (err) {
          // The IUT will not come back: the first input that failed is the finding, as it is.
          if (err instanceof AdapterStartError && !culprit) await record(faulted[0].g, faulted[0].e, false);
          throw err;
        }
        if (!culprit) await record(faulted[0].g, faulted[0].e);
        await pair.ensure();
        cur = launch();
      } else cur = next;
      o.onBatch?.(res.execs);
      // An in-process IUT answers in microtasks: let timers and signal handlers run between batches.
      await new Promise((r) => setImmediate(r));
    }
  } catch (e) {
    // The IUT would not start again: the run ends here, with everything found so far.
    if (!(e instanceof AdapterStartError)) throw e;
    res.stopped = e.message;
  }
  res.corpusSize = corpus.length;
  return res;
}
