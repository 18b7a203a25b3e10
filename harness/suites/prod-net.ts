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
  private lossy = false;

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

  /** Run every event up to and including `until`, or until `stop` holds after an event. */
  run(until: number, stop: () => boolean = () => false): void {
    for (;;) {
      const ev = this.nextEvent();
      if (!ev || ev.at > until) break;
      this.now = ev.at;
      ev.fire();
      if (stop()) return;
    }
    this.now = Math.max(this.now, until);
  }

  /** Lose every packet in flight and from now on (the sites stay up; later steps are driven by hand). */
  partition(): void {
    this.flights.length = 0;
    this.lossy = true;
  }

  /** Hand `ref` a packet now, as if it came from `from`. */
  incoming(ref: string, packet: string, from: string, comment?: string): JsonObject {
    return this.apply(ref, 'prod.incoming', { now: this.now, packet, from }, comment);
  }

  /** Hand `ref` an outgoing data packet now. */
  outgoingNow(ref: string, bytes: string, comment?: string): JsonObject {
    return this.apply(ref, 'prod.outgoing', { now: this.now, data: bytes }, comment);
  }

  /** Let `ref`'s clock run to `at` (and the network's). */
  advance(ref: string, at: number, comment?: string): JsonObject {
    this.now = Math.max(this.now, at);
    return this.apply(ref, 'prod.advance', { now: at }, comment);
  }

  /** A restarted site answers at `addr` from now on and takes over `oldRef`'s scheduled data. */
  restart(oldRef: string, newRef: string, addr: string, profile: string, config: JsonObject, comment?: string): void {
    this.create(newRef, addr, profile, config, comment);
    for (const d of this.data) if (d.ref === oldRef) d.ref = newRef;
  }

  observe(ref: string, comment: string): JsonObject {
    return this.call('prod.state', { site: `@${ref}` }, { comment });
  }

  state(ref: string): StateJson {
    return this.states.get(ref)!;
  }

  /** Time by which both refs have activated a new key at or after `since`, or null. */
  bothKeyedAt(a: string, b: string, since: number): number | null {
    const first = (r: string) => this.activations.find((x) => x.ref === r && x.at >= since)?.at;
    const ta = first(a);
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

  private apply(ref: string, op: string, args: JsonObject, comment?: string): JsonObject {
    const r = this.call(op, { site: `@${ref}`, ...args }, comment ? { comment } : {});
    this.states.set(ref, r.state as unknown as StateJson);
    for (const e of (r.events ?? []) as { type: string; at: number }[]) if (e.type === 'KEY_ACTIVATED') this.activations.push({ ref, at: e.at });
    for (const p of (r.packets ?? []) as unknown as SentJson[]) {
      this.sent.push({ ...p, by: ref });
      if (!this.lossy) this.flights.push({ at: p.at + this.latency, seq: this.seq++, to: p.to, from: this.addrOf.get(ref)!, packet: p.packet });
    }
    return r;
  }
}
