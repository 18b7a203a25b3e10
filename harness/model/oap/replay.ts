// Server-side freshness (Ouroboros src/irmd/oap/auth.c oap_check_hdr): the header's
// timestamp must lie within -slack .. +replay timer of the server's clock, and its
// (id, timestamp) must not have been seen; it is remembered at once, before the peer is
// authenticated. Entries older than the replay timer are purged while scanning.
import { equal } from '../../util/bytes.ts';
import type { OapProfile } from './config.ts';

export type FreshnessReason = 'FUTURE_TIMESTAMP' | 'OUTDATED_TIMESTAMP' | 'REPLAY';

const MILLION = 1_000_000n;
const BILLION = 1_000_000_000n;

/**
 * delta = (ssize_t)(now - stamp) / MILLION: the difference is taken modulo 2^64, read as
 * signed, and divided toward zero, so the window edges are whole milliseconds.
 */
export function timestampDeltaMs(nowNs: bigint, stampNs: bigint): bigint {
  return BigInt.asIntN(64, nowNs - stampNs) / MILLION;
}

export function checkWindow(p: OapProfile, nowNs: bigint, stampNs: bigint): FreshnessReason | null {
  const delta = timestampDeltaMs(nowNs, stampNs);
  if (delta < -BigInt(p.slackMs)) return 'FUTURE_TIMESTAMP';
  if (delta > BigInt(p.replayTimerS) * 1000n) return 'OUTDATED_TIMESTAMP';
  return null;
}

export class ReplayCache {
  private entries: { id: Uint8Array; stamp: bigint }[] = [];

  constructor(private readonly profile: OapProfile) {}

  get size(): number {
    return this.entries.length;
  }

  /** Window check, then scan (purging expired entries up to a match), then remember. */
  check(id: Uint8Array, stampNs: bigint, nowNs: bigint): FreshnessReason | null {
    const w = checkWindow(this.profile, nowNs, stampNs);
    if (w) return w;
    const ttl = BigInt(this.profile.replayTimerS) * BILLION;
    const kept: typeof this.entries = [];
    for (let i = 0; i < this.entries.length; i++) {
      const e = this.entries[i];
      if (nowNs > e.stamp + ttl) continue;
      if (e.stamp === stampNs && equal(e.id, id)) {
        this.entries = [...kept, ...this.entries.slice(i)];
        return 'REPLAY';
      }
      kept.push(e);
    }
    kept.push({ id: id.slice(), stamp: stampNs });
    this.entries = kept;
    return null;
  }
}
