// OAP client (Ouroboros src/irmd/oap/cli.c): prepare a request, then complete with the
// server's response. complete consumes the pending request whatever the outcome, as
// oap_cli_complete frees its context; a response is data and never makes this throw.
import { hash } from '../../crypto/index.ts';
import { dhSharedSecret, isHybrid, isKem, kemDecapsulate, kemEncapsulate, spkiDecode, type HybridKem, type KexAlg, type KexKeyPair, type MlKem } from '../../crypto/kex.ts';
import { equal } from '../../util/bytes.ts';
import { kemKeyAlgorithm, kexFlags, type Endpoint, type SecConfig } from './config.ts';
import { decodeHeader, type DecodeReason, type DecodedHeader } from './hdr.ts';
import { dheKey, kemKey } from './keys.ts';
import { NID_UNDEF, SHA384_NID, cipherByNid, cipherRank, digestRank, kdfHash } from './nids.ts';
import { authenticatePeer, type AuthReason } from './pki.ts';
import { sealHeader } from './seal.ts';
import { ephemeralKeyPair, ephemeralRandom, type Ephemeral } from './ephemeral.ts';

export type PrepareResult = { status: 'prepared'; request: Uint8Array } | { status: 'failed'; reason: 'SERVER_KEM_KEY_MISSING' | 'ENCAP_FAILED' };

export type CompleteReason =
  | 'NO_PENDING_REQUEST' | DecodeReason | 'ID_MISMATCH' | AuthReason | 'REQ_HASH_MISMATCH' | 'NAME_MISMATCH'
  | 'NO_CIPHER' | 'CIPHER_DOWNGRADE' | 'KDF_DOWNGRADE' | 'KEX_MISSING' | 'DECAP_FAILED' | 'DHE_FAILED';

export type CompleteResult =
  | { status: 'completed'; key: Uint8Array | null; cipher: string | null; kdf: string | null; kex: KexAlg | null; peer: string; authenticated: boolean; data: Uint8Array }
  | { status: 'rejected'; reason: CompleteReason };

interface Pending {
  id: Uint8Array;
  reqMdNid: number;
  reqHash: Uint8Array;
  /** Own key pair (DHE, or KEM with server encapsulation). */
  own?: KexKeyPair;
  /** Key already derived (KEM with client encapsulation). */
  key?: Uint8Array;
}

const nsToMs = (ns: bigint) => Number(ns / 1_000_000n);

export class OapClient {
  private pending: Pending | null = null;

  /** `serverKemKey`: the server's KEM public key as the server would send it (kem_mode client). */
  constructor(readonly endpoint: Endpoint, private readonly serverKemKey?: Uint8Array) {}

  state(): { pending: boolean } {
    return { pending: this.pending !== null };
  }

  /** oap_cli_prepare: id and every ephemeral secret are inputs. */
  prepare(id: Uint8Array, nowNs: bigint, eph: Ephemeral = {}, data: Uint8Array = new Uint8Array(0)): PrepareResult {
    const cfg = this.endpoint.config;
    const p: Pending = { id: id.slice(), reqMdNid: cfg.digestNid !== NID_UNDEF ? cfg.digestNid : SHA384_NID, reqHash: new Uint8Array(0) };
    let kex: Uint8Array = new Uint8Array(0);
    if (cfg.kex && isKem(cfg.kex) && cfg.kemMode === 'client') {
      const enc = this.encapsulate(cfg, eph);
      if ('reason' in enc) return { status: 'failed', reason: enc.reason };
      ({ kex, key: p.key } = enc);
    } else if (cfg.kex) {
      p.own = ephemeralKeyPair(eph, cfg.kex);
      kex = p.own.wire;
    }
    const request = sealHeader(
      { id, timestamp: nowNs, cipherNid: cfg.cipherNid, kdfNid: cfg.kdfNid, mdNid: cfg.digestNid, ...kexFlags(cfg.kex, cfg.kemMode, kex.length), kex, data, reqHash: new Uint8Array(0) },
      this.endpoint.credentials,
    );
    p.reqHash = hash(kdfHash(p.reqMdNid), request);
    this.pending = p;
    return { status: 'prepared', request };
  }

  private encapsulate(cfg: SecConfig, eph: Ephemeral): { kex: Uint8Array; key: Uint8Array } | { reason: 'SERVER_KEM_KEY_MISSING' | 'ENCAP_FAILED' } {
    const pk = this.serverKemKey;
    const alg = pk && kemKeyAlgorithm(pk);
    if (!pk || !alg) return { reason: 'SERVER_KEM_KEY_MISSING' };
    const ek = isHybrid(alg) ? pk : spkiDecode(pk)!.raw;
    const r = kemEncapsulate(alg as MlKem | HybridKem, ek, ephemeralRandom(eph, alg as MlKem | HybridKem));
    if (!r) return { reason: 'ENCAP_FAILED' };
    return { kex: r.ct, key: kemKey(cfg.kdfNid, r.ss, pk) };
  }

  /** oap_cli_complete. */
  complete(response: Uint8Array, nowNs: bigint): CompleteResult {
    const p = this.pending;
    this.pending = null;
    if (!p) return { status: 'rejected', reason: 'NO_PENDING_REQUEST' };
    const d = decodeHeader(response, p.reqMdNid);
    if (!d.ok) return { status: 'rejected', reason: d.reason };
    const peer = d.hdr;
    if (!equal(peer.id, p.id)) return { status: 'rejected', reason: 'ID_MISMATCH' };
    const auth = authenticatePeer(this.endpoint.trust, peer.crt, peer.mdNid, peer.signed, peer.sig, nsToMs(nowNs));
    if (!auth.ok) return { status: 'rejected', reason: auth.reason };
    if (!equal(peer.reqHash, p.reqHash)) return { status: 'rejected', reason: 'REQ_HASH_MISMATCH' };
    if (peer.crt.length > 0 && auth.name !== this.endpoint.name) return { status: 'rejected', reason: 'NAME_MISMATCH' };
    const base = { peer: auth.name, authenticated: auth.signed, data: peer.data };
    const cfg = this.endpoint.config;
    if (!cfg.kex) return { status: 'completed', key: null, cipher: null, kdf: null, kex: null, ...base };
    const k = this.keyExchange(cfg, p, peer);
    if ('reason' in k) return { status: 'rejected', reason: k.reason };
    return { status: 'completed', key: k.key, cipher: cipherByNid(peer.cipherNid)!.name, kdf: kdfHash(k.kdfNid), kex: cfg.kex, ...base };
  }

  /** cli.c do_client_kex_complete: accept the server's choices unless they are weaker than ours. */
  private keyExchange(cfg: SecConfig, p: Pending, peer: DecodedHeader): { key: Uint8Array; kdfNid: number } | { reason: CompleteReason } {
    if (peer.cipherNid === NID_UNDEF) return { reason: 'NO_CIPHER' };
    if (cipherRank(peer.cipherNid) < cipherRank(cfg.cipherNid)) return { reason: 'CIPHER_DOWNGRADE' };
    let kdfNid = cfg.kdfNid;
    const clientEncaps = isKem(cfg.kex!) && cfg.kemMode === 'client';
    if (!clientEncaps && peer.kdfNid !== NID_UNDEF) {
      if (digestRank(peer.kdfNid) < digestRank(cfg.kdfNid)) return { reason: 'KDF_DOWNGRADE' };
      kdfNid = peer.kdfNid;
    }
    if (clientEncaps) return { key: p.key!, kdfNid };
    if (peer.kex.length === 0) return { reason: 'KEX_MISSING' };
    const own = p.own!;
    if (isKem(own.alg)) {
      const ss = kemDecapsulate(own, peer.kex);
      return ss ? { key: kemKey(kdfNid, ss, own.wire), kdfNid } : { reason: 'DECAP_FAILED' };
    }
    const s = spkiDecode(peer.kex);
    const ss = s && s.alg === own.alg ? dhSharedSecret(own, s.raw) : null;
    return ss ? { key: dheKey(kdfNid, ss, own.wire, peer.kex), kdfNid } : { reason: 'DHE_FAILED' };
  }
}
