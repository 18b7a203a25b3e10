// OAP exchanges per second by the model (client prepare, server process, client complete,
// anonymous, HKDF-SHA-256) per key-exchange family, against the bare primitives the
// exchange needs (two key pairs and two ECDH, or key pair, encapsulate, decapsulate).
import { Drbg } from '../crypto/index.ts';
import { dhSharedSecret, encapsRandomLen, isKem, kemDecapsulate, kemEncapsulate, kexKeyPair, kexSecretFromSeed, KEX_SEED_LEN, type HybridKem, type KexAlg, type MlKem } from '../crypto/kex.ts';
import { DEFAULT_CONFIG, O7S_OAP_2026, OapClient, OapServer, SERVER_NAME, TrustStore } from '../model/oap/index.ts';
import { measure, type Bench, type BenchRow } from './types.ts';

const FAMILIES: [KexAlg, string][] = [['X25519', 'ECDH X25519'], ['prime256v1', 'ECDH P-256'], ['ML-KEM-768', 'ML-KEM-768'], ['X25519MLKEM768', 'hybrid X25519MLKEM768']];
const BATCH = 5;

function setup(alg: KexAlg) {
  const rng = new Drbg(`bench/oap/${alg}`);
  const config = { ...DEFAULT_CONFIG, kex: alg };
  const trust = new TrustStore([]);
  const server = new OapServer({ name: SERVER_NAME, config, trust }, O7S_OAP_2026);
  const client = new OapClient({ name: SERVER_NAME, config, trust });
  const secret = () => kexSecretFromSeed(alg, rng.bytes(KEX_SEED_LEN));
  const rand = () => (isKem(alg) ? rng.bytes(encapsRandomLen(alg as MlKem | HybridKem)) : undefined);
  let t = 1_790_000_000_000_000_000n;
  const exchange = () => {
    t += 1_000_000n;
    const p = client.prepare(rng.bytes(16), t, { kexSecret: secret() });
    if (p.status !== 'prepared') throw new Error('bench: prepare failed');
    const s = server.process(p.request, t, { kexSecret: secret(), encapsRandom: rand() });
    if (s.status !== 'accepted') throw new Error(`bench: process failed: ${s.reason}`);
    if (client.complete(s.response, t).status !== 'completed') throw new Error('bench: complete failed');
  };
  const primitives = () => {
    const a = kexKeyPair(alg, secret());
    if (isKem(alg)) {
      const e = kemEncapsulate(alg as MlKem | HybridKem, a.raw, rand()!)!;
      kemDecapsulate(a, e.ct);
    } else {
      const b = kexKeyPair(alg, secret());
      dhSharedSecret(a, b.raw);
      dhSharedSecret(b, a.raw);
    }
  };
  return { exchange, primitives };
}

export const bench: Bench = {
  name: 'oap',
  async run() {
    const rows: BenchRow[] = [];
    for (const [alg, what] of FAMILIES) {
      const { exchange, primitives } = setup(alg);
      const rate = await measure(BATCH, () => {
        for (let i = 0; i < BATCH; i++) exchange();
      });
      const base = await measure(BATCH, () => {
        for (let i = 0; i < BATCH; i++) primitives();
      });
      rows.push({ name: `oap exchange, ${what}`, unit: 'exchanges', rate, baseline: { name: 'bare key-exchange primitives', rate: base }, note: 'anonymous peers; a replay cache that grows by one entry per exchange' });
    }
    return rows;
  },
};
