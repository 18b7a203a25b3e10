// OAP server (Ouroboros src/irmd/oap/srv.c oap_srv_process): decode, freshness and replay,
// authenticate the client, negotiate and run the key exchange, answer. Every rejection
// is a verdict with the stage and reason; the request is data and never makes this throw.
import { hash } from '../../crypto/index.ts';
import {
  dhSharedSecret, hybridFromPublicLen, isHybrid, isKem, kemCipherTextLen, kemDecapsulate, kemEncapsulate, spkiDecode,
  type HybridKem, type KexAlg, type KexKeyPair, type MlKem,
} from '../../crypto/kex.ts';
import { kexFlags, type Endpoint, type OapProfile, type SecConfig } from './config.ts';
import { decodeHeader, type DecodeReason, type DecodedHeader } from './hdr.ts';
import { dheKey, kemKey } from './keys.ts';
import { SHA384_NID, NID_UNDEF, cipherByNid, cipherRank, digestRank, kdfHash, kexRank } from './nids.ts';
import { authenticatePeer, type AuthReason } from './pki.ts';
import { ReplayCache, type FreshnessReason } from './replay.ts';
import { sealHeader } from './seal.ts';
import { ephemeralKeyPair, ephemeralRandom, type Ephemeral } from './ephemeral.ts';

export type KexReason =
  | 'KEX_MISSING' | 'NO_CIPHER' | 'KDF_TOO_WEAK' | 'KEX_UNPARSABLE' | 'KEX_TOO_WEAK' | 'KEX_NOT_CONFIGURED' | 'KEM_KEY_MISSING' | 'DECAP_FAILED' | 'ENCAP_FAILED' | 'DHE_FAILED';

export type ServerReject =
  | { stage: 'decode'; reason: DecodeReason }
  | { stage: 'freshness'; reason: FreshnessReason }
  | { stage: 'auth'; reason: AuthReason }
  | { stage: 'kex'; reason: KexReason };

export interface Negotiated {
  key: Uint8Array | null;
  cipher: string | null;
  kdf: string | null;
  kex: KexAlg | null;
  kemMode: 'server' | 'client' | null;
}

export type ServerResult =
  | ({ status: 'accepted'; response: Uint8Array; peer: string; authenticated: boolean; data: Uint8Array } & Negotiated)
  | ({ status: 'rejected' } & ServerReject);

export interface ServerState {
  replayCache: number;
}

interface KexOutcome {
  cfg: SecConfig;
  key: Uint8Array | null;
  /** What the response's kex field carries. */
  kex: Uint8Array;
}

const nsToMs = (ns: bigint) => Number(ns / 1_000_000n);

export class OapServer {
  private readonly replay: ReplayCache;

  /** `kemKey`: the server's long-term KEM key pair, for clients that encapsulate. */
  constructor(readonly endpoint: Endpoint, readonly profile: OapProfile, private readonly kemKey?: KexKeyPair) {
    this.replay = new ReplayCache(profile);
  }

  state(): ServerState {
    return { replayCache: this.replay.size };
  }

  process(request: Uint8Array, nowNs: bigint, eph: Ephemeral = {}, data: Uint8Array = new Uint8Array(0)): ServerResult {
    const d = decodeHeader(request);
    if (!d.ok) return { status: 'rejected', stage: 'decode', reason: d.reason };
    const peer = d.hdr;
    const fresh = this.replay.check(peer.id, peer.timestamp, nowNs);
    if (fresh) return { status: 'rejected', stage: 'freshness', reason: fresh };
    const auth = authenticatePeer(this.endpoint.trust, peer.crt, peer.mdNid, peer.signed, peer.sig, nsToMs(nowNs));
    if (!auth.ok) return { status: 'rejected', stage: 'auth', reason: auth.reason };
    const k = this.keyExchange(peer, eph);
    if ('reason' in k) return { status: 'rejected', stage: 'kex', reason: k.reason };
    const reqMd = peer.mdNid !== NID_UNDEF ? peer.mdNid : SHA384_NID;
    const cfg = k.cfg;
    const response = sealHeader(
      {
        id: peer.id,
        timestamp: nowNs,
        cipherNid: cfg.cipherNid,
        kdfNid: cfg.kdfNid,
        mdNid: cfg.digestNid,
        ...kexFlags(cfg.kex, cfg.kemMode, k.kex.length),
        kex: k.kex,
        data,
        reqHash: hash(kdfHash(reqMd), request),
      },
      this.endpoint.credentials,
    );
    return {
      status: 'accepted',
      response,
      peer: auth.name,
      authenticated: auth.signed,
      data: peer.data,
      key: k.key,
      cipher: cipherByNid(cfg.cipherNid)?.name ?? null,
      kdf: k.key ? kdfHash(cfg.kdfNid) : null,
      kex: k.key ? cfg.kex : null,
      kemMode: k.key && cfg.kex && isKem(cfg.kex) ? cfg.kemMode : null,
    };
  }

  /** srv.c do_server_kex. */
  private keyExchange(peer: DecodedHeader, eph: Ephemeral): KexOutcome | { reason: KexReason } {
    const cfg: SecConfig = { ...this.endpoint.config };
    if (peer.kex.length === 0) {
      if (cfg.kex) return { reason: 'KEX_MISSING' };
      return { cfg, key: null, kex: new Uint8Array(0) };
    }
    const neg = negotiate(peer, cfg);
    if (neg) return { reason: neg };
    const alg = serverKexAlgorithm(peer, cfg.kex);
    if (peer.kexRole === 0) {
      if (!alg) return { reason: 'KEX_UNPARSABLE' };
      if (kexRank(alg) < kexRank(this.endpoint.config.kex)) return { reason: 'KEX_TOO_WEAK' };
      cfg.kex = alg;
    } else if (!alg) return { reason: 'KEX_NOT_CONFIGURED' };
    if (isKem(alg)) {
      cfg.kemMode = peer.kexRole ? 'client' : 'server';
      return peer.kexRole ? this.decapsulate(cfg, peer) : encapsulate(cfg, alg as MlKem | HybridKem, peer, eph);
    }
    return dhe(cfg, alg, peer, eph);
  }

  private decapsulate(cfg: SecConfig, peer: DecodedHeader): KexOutcome | { reason: KexReason } {
    const k = this.kemKey;
    if (!k || k.alg !== cfg.kex || isHybrid(k.alg) !== (peer.kexFmt === 1)) return { reason: 'KEM_KEY_MISSING' };
    const ss = kemDecapsulate(k, peer.kex);
    if (!ss) return { reason: 'DECAP_FAILED' };
    return { cfg, key: kemKey(cfg.kdfNid, ss, k.wire), kex: new Uint8Array(0) };
  }
}

/** srv.c negotiate_cipher: strongest cipher and KDF of the two; client-encap pins the client's KDF. */
function negotiate(peer: DecodedHeader, cfg: SecConfig): KexReason | null {
  const cli = cipherRank(peer.cipherNid);
  const srv = cipherRank(cfg.cipherNid);
  if (cli > srv) cfg.cipherNid = peer.cipherNid;
  else if (srv <= 0) return 'NO_CIPHER';
  const cliK = digestRank(peer.kdfNid);
  const srvK = digestRank(cfg.kdfNid);
  if (peer.kexRole === 1) {
    if (srvK > cliK) return 'KDF_TOO_WEAK';
    cfg.kdfNid = peer.kdfNid;
  } else if (cliK > srvK) cfg.kdfNid = peer.kdfNid;
  return null;
}

/**
 * The key exchange a server configured with `configured` runs for this request: the
 * client's own when it sent a public key (R bit clear), else the configured one. Exported
 * so a caller can supply ephemeral secrets for exactly this algorithm.
 */
export function serverKexAlgorithm(peer: DecodedHeader, configured: KexAlg | null): KexAlg | null {
  return peer.kexRole === 0 ? peerKexAlgorithm(peer) : configured;
}

/**
 * The algorithm of the client's key: raw format by length (openssl.c
 * __openssl_hybrid_algo_from_len, which also maps the X25519MLKEM768 ciphertext length),
 * DER by its SubjectPublicKeyInfo.
 */
function peerKexAlgorithm(peer: DecodedHeader): KexAlg | null {
  if (peer.kexFmt === 1) return hybridFromPublicLen(peer.kex.length) ?? (peer.kex.length === kemCipherTextLen('X25519MLKEM768') ? 'X25519MLKEM768' : null);
  return spkiDecode(peer.kex)?.alg ?? null;
}

function encapsulate(cfg: SecConfig, alg: MlKem | HybridKem, peer: DecodedHeader, eph: Ephemeral): KexOutcome | { reason: KexReason } {
  const ek = isHybrid(alg) ? peer.kex : spkiDecode(peer.kex)?.raw;
  const r = ek && kemEncapsulate(alg, ek, ephemeralRandom(eph, alg));
  if (!r) return { reason: 'ENCAP_FAILED' };
  return { cfg, key: kemKey(cfg.kdfNid, r.ss, peer.kex), kex: r.ct };
}

function dhe(cfg: SecConfig, alg: KexAlg, peer: DecodedHeader, eph: Ephemeral): KexOutcome | { reason: KexReason } {
  const own = ephemeralKeyPair(eph, alg);
  const p = spkiDecode(peer.kex);
  const ss = p && p.alg === alg ? dhSharedSecret(own, p.raw) : null;
  if (!ss) return { reason: 'DHE_FAILED' };
  return { cfg, key: dheKey(cfg.kdfNid, ss, own.wire, peer.kex), kex: own.wire };
}

