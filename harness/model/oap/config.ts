// What each end is configured with (Ouroboros struct sec_config, enc.conf), its
// credentials and trust store, and the OAP profile (build-time constants).
import { hybridFromPublicLen, isHybrid, isKem, spkiDecode, type KexAlg } from '../../crypto/kex.ts';
import type { Credentials, TrustStore } from './pki.ts';
import { NID_UNDEF, SHA256_NID, cipherByName, digestByName } from './nids.ts';

export interface SecConfig {
  /** null: no key exchange (enc.conf "none"). */
  kex: KexAlg | null;
  cipherNid: number;
  kdfNid: number;
  /** Signature digest. */
  digestNid: number;
  kemMode: 'server' | 'client';
}

/** enc.conf "none". */
export const NO_ENCRYPTION: Readonly<SecConfig> = Object.freeze({ kex: null, cipherNid: NID_UNDEF, kdfNid: NID_UNDEF, digestNid: NID_UNDEF, kemMode: 'server' });

/** parse_sec_config defaults (src/lib/crypt.c): prime256v1, aes-256-gcm, sha256, sha256, server. */
export const DEFAULT_CONFIG: Readonly<SecConfig> = Object.freeze({ kex: 'prime256v1', cipherNid: cipherByName('aes-256-gcm')!.nid, kdfNid: SHA256_NID, digestNid: digestByName('sha256')!.nid, kemMode: 'server' });

export interface OapProfile {
  name: string;
  /** OAP_REPLAY_TIMER (s): how old a header may be, and how long (id, timestamp) is remembered. */
  replayTimerS: number;
  /** TIMESYNC_SLACK (ms): how far into the future a header may be. */
  slackMs: number;
}

/** Ouroboros snapshot of Feb 2026: CMakeLists OAP_REPLAY_TIMER 20, auth.c TIMESYNC_SLACK 100. */
export const O7S_OAP_2026: Readonly<OapProfile> = Object.freeze({ name: 'o7s-oap-2026-02', replayTimerS: 20, slackMs: 100 });

/** One side of OAP: its name, configuration, credentials (optional) and trusted CAs. */
export interface Endpoint {
  name: string;
  config: SecConfig;
  credentials?: Credentials;
  trust: TrustStore;
}

/** The KEM public key a client-encapsulating client has for its server, as the server sends it. */
export function kemKeyAlgorithm(wire: Uint8Array): KexAlg | null {
  const h = hybridFromPublicLen(wire.length);
  if (h) return h;
  const s = spkiDecode(wire);
  return s && isKem(s.alg) ? s.alg : null;
}

/** F and R bits an encoder sets: only for KEM data (hdr.c oap_hdr_encode). */
export function kexFlags(kex: KexAlg | null, mode: SecConfig['kemMode'], kexLen: number): { kexFmt: 0 | 1; kexRole: 0 | 1 } {
  if (kexLen === 0 || !kex || !isKem(kex)) return { kexFmt: 0, kexRole: 0 };
  return { kexFmt: isHybrid(kex) ? 1 : 0, kexRole: mode === 'client' ? 1 : 0 };
}
