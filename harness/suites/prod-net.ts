// A two-site network for PROD scenarios, driven through the adapter ops in global
// virtual-time order: packet deliveries (fixed latency), scheduled data packets and
// each site's next timer. `call` is a recording Scenario's step, or a plain engine
// call when a test replays the same story on a mutant.
import type { JsonObject } from '../../adapters/ops/types.ts';

export type Call = (op: string, args: JsonObject, opts?: { bind?: string; comment?: string }) => JsonObject;

interface Flight {
  at: number;
  seq: number;
  to: string;
  from: string;
  packet: string;
}

interface SentJson {
  to: string;
  label: string;
  packet: string;
  at: number;
}

interface StateJson {
  state: string;
  keyHeld: boolean;
  now: number;
  nextTimer: number | null;
}

export class TwoSiteNet {
  private readonly flights: Flight[] = [];
  private seq = 0;
  /** Address -> the site ref ("A", "B2") answering there now; a restart rebinds it. */
  private readonly at = new Map<string, string>();
  private readonly addrOf = new Map<string, string>();
  private readonly states = new Map<string, StateJson>();
  private readonly data: { at: number; ref: string; bytes: string }[] = [];
  /** Every KEY_ACTIVATED event seen, by site ref. */
  readonly activations: { ref: string; at: number }[] = [];
  readonly sent: (SentJson & { by: string })[] = [];
  now = 0;

  constructor(private readonly call: Call, readonly latency = 1) {}

  create(ref: string, addr: string, profile: string, config: JsonObject, comment?: string): JsonObject {
    const r = this.call('prod.createSite', { profile, config, now: this.now }, { bind: ref, ...(comment ? { comment } : {}) });
    this.at.set(addr, ref);
    this.addrOf.set(ref, addr);
    this.states.set(ref, r.state as unknown as StateJson);
    return r;
  }

  /** Schedule a data packet handed to `ref` at time `at`. */
  schedule(ref: string, at: number, bytes: string): void {
    this.data.push({ at, ref, bytes });
  }

  /** Run every event up to and including `until`. */
  run(until: number): void {
    for (;;) {
      const ev = this.nextEvent();
      if (!ev || ev.at > until) break;
      this.now = ev.at;
      ev.fire();
    }
    this.now = Math.max(this.now, until);
  }

  state(ref: string): StateJson {
    return this.states.get(ref)!;
  }

  /** Time at which both refs first hold a key at or after `since`, or null. */
  bothKeyedAt(a: string, b: string, since: number): number | null {
    const first = (r: string) => this.activations.find((x) => x.ref === r && x.at >= since)?.at;
    const ta = this.state(a).keyHeld ? (first(a) ?? since) : undefined;
    const tb = first(b);
    return ta !== undefined && tb !== undefined ? Math.max(ta, tb) : null;
  }

  private nextEvent(): { at: number; fire: () => void } | null {
    const evs: { at: number; rank: number; fire: () => void }[] = [];
    for (const [ref, s] of this.states)
      if (this.at.get(this.addrOf.get(ref)!) === ref && s.nextTimer !== null) evs.push({ at: s.nextTimer, rank: 0, fire: () => this.apply(ref, 'prod.advance', { now: s.nextTimer }) });
    const f = [...this.flights].sort((x, y) => x.at - y.at || x.seq - y.seq)[0];
    if (f) evs.push({ at: f.at, rank: 1, fire: () => this.deliver(f) });
    const d = [...this.data].sort((x, y) => x.at - y.at)[0];
    if (d) evs.push({ at: d.at, rank: 2, fire: () => this.outgoing(d) });
    return evs.sort((x, y) => x.at - y.at || x.rank - y.rank)[0] ?? null;
  }

  private deliver(f: Flight): void {
    this.flights.splice(this.flights.indexOf(f), 1);
    const ref = this.at.get(f.to);
    if (ref) this.apply(ref, 'prod.incoming', { now: f.at, packet: f.packet, from: f.from });
  }

  private outgoing(d: { at: number; ref: string; bytes: string }): void {
    this.data.splice(this.data.indexOf(d), 1);
    this.apply(d.ref, 'prod.outgoing', { now: d.at, data: d.bytes });
  }

  private apply(ref: string, op: string, args: JsonObject): JsonObject {
    const r = this.call(op, { site: `@${ref}`, ...args });
    this.states.set(ref, r.state as unknown as StateJson);
    for (const e of (r.events ?? []) as { type: string; at: number }[]) if (e.type === 'KEY_ACTIVATED') this.activations.push({ ref, at: e.at });
    for (const p of (r.packets ?? []) as unknown as SentJson[]) {
      this.sent.push({ ...p, by: ref });
      this.flights.push({ at: p.at + this.latency, seq: this.seq++, to: p.to, from: this.addrOf.get(ref)!, packet: p.packet });
    }
    return r;
  }
}
