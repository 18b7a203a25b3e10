// keyrot model: layout, laziness, distinctness, and an independent derivation in
// python (pyca/cryptography HKDFExpand + AESGCM) of the committed vectors.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { KeyTree, O7S_KEYROT_V1, makeNonce, makeProfile, openPacket, parseNonce, sealPacket, splitCounter, counterLimit } from '../../harness/model/keyrot/index.ts';
import { fromHex, toHex } from '../../harness/util/bytes.ts';
import type { KatFile } from '../../harness/vectors/types.ts';
import { python } from '../support/python.ts';

const P = O7S_KEYROT_V1;
const seed = (n: number) => Uint8Array.from({ length: 32 }, (_, i) => (i * 7 + n) & 0xff);

describe('keyrot model', () => {
  it('splits the counter as node << 26 | leaf << 20 | seq and refuses 2^33', () => {
    assert.deepEqual(splitCounter(P, 0), { node: 0, leaf: 0, seq: 0 });
    assert.deepEqual(splitCounter(P, 2 ** 20 - 1), { node: 0, leaf: 0, seq: 2 ** 20 - 1 });
    assert.deepEqual(splitCounter(P, 2 ** 20), { node: 0, leaf: 1, seq: 0 });
    assert.deepEqual(splitCounter(P, 2 ** 26), { node: 1, leaf: 0, seq: 0 });
    assert.deepEqual(splitCounter(P, 2 ** 33 - 1), { node: 127, leaf: 63, seq: 2 ** 20 - 1 });
    assert.equal(counterLimit(P), 2 ** 33);
    assert.throws(() => splitCounter(P, 2 ** 33), /outside/);
    fc.assert(fc.property(fc.integer({ min: 0, max: 2 ** 33 - 1 }), (c) => {
      const { node, leaf, seq } = splitCounter(P, c);
      assert.equal(node * 2 ** 26 + leaf * 2 ** 20 + seq, c);
    }));
  });

  it('nonce: parity bit, three zero bytes, counter big-endian; parseNonce inverts it', () => {
    assert.equal(toHex(makeNonce(3, 2 ** 33 - 1)), '8000000000000001ffffffff');
    fc.assert(fc.property(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 2 ** 33 - 1 }), (e, c) => {
      const pkt = new Uint8Array(28);
      pkt.set(makeNonce(e, c));
      assert.deepEqual(parseNonce(P, pkt), { ok: true, parity: e & 1, ctr: c });
    }));
  });

  it('expands leaves lazily: one leaf derives one node/direction block only', () => {
    const t = new KeyTree(P, seed(1));
    t.keyFor(1, 5 * 2 ** 26 + 3 * 2 ** 20);
    assert.equal((t as unknown as { leafCache: Map<number, unknown> }).leafCache.size, 1);
  });

  it('keys are distinct across nodes, leaves, directions and seeds (epochs)', () => {
    const small = makeProfile({ nodes: 8, leavesPerNode: 8 });
    const seen = new Set<string>();
    for (const s of [seed(1), seed(2)]) {
      const t = new KeyTree(small, s);
      for (let n = 0; n < 8; n++) {
        seen.add(toHex(t.node(n)));
        for (const d of [0, 1] as const) for (const l of t.leaves(n, d)) seen.add(toHex(l));
      }
    }
    assert.equal(seen.size, 2 * (8 + 8 * 2 * 8));
  });

  it('the seed passed in is not modified (the model wipes its own copy)', () => {
    const s = seed(9);
    const copy = s.slice();
    new KeyTree(P, s);
    assert.deepEqual(s, copy);
  });

  it('seal/open round trip; any flipped bit is rejected', () => {
    const t = new KeyTree(P, seed(3));
    fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), fc.integer({ min: 0, max: 2 ** 33 - 1 }), fc.nat(), (pt, c, flip) => {
      const k = t.keyFor(0, c);
      const pkt = sealPacket(P, k, 7, c, pt);
      assert.deepEqual(openPacket(P, k, pkt), pt);
      const bad = pkt.slice();
      bad[12 + (flip % (bad.length - 12))] ^= 1 << (flip % 8);
      assert.equal(openPacket(P, k, bad), null);
    }), { numRuns: 50 });
  });

  it('python (pyca/cryptography) derives the same nodes, leaves and packets as the committed vectors', () => {
    const f = JSON.parse(readFileSync(new URL('../../vectors/keyrot/keyrot-kat.json', import.meta.url), 'utf8')) as KatFile;
    const pick = (type: string) => f.testGroups.find((g) => g.type === type)!.tests.filter((t) => t.result === 'valid');
    const cases = {
      nodes: pick('KeyrotNodes').map((t) => ({ seed: t.input.seed, nodes: t.expected.nodes })),
      leaves: pick('KeyrotLeaves').map((t) => ({ ...t.input, leaves: t.expected.leaves })),
      seal: pick('KeyrotSeal').map((t) => ({ ...t.input, packet: t.expected.packet })),
    };
    assert.ok(cases.nodes.length >= 3 && cases.leaves.length >= 6 && cases.seal.length >= 6);
    const code = `
import json, sys
from cryptography.hazmat.primitives.kdf.hkdf import HKDFExpand
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
c = json.load(sys.stdin)
def exp(prk, info, n): return HKDFExpand(hashes.SHA256(), n, info).derive(prk)
def nodes(seed):
    b = exp(bytes.fromhex(seed), b"o7s-keyrot-nodes", 128*32); return [b[i*32:(i+1)*32] for i in range(128)]
def leaves(seed, node, d):
    b = exp(nodes(seed)[node], b"o7s-keyrot-leaves" + bytes([d]), 64*32); return [b[i*32:(i+1)*32] for i in range(64)]
out = {"nodes": [], "leaves": [], "seal": []}
for t in c["nodes"]: out["nodes"].append([k.hex() for k in nodes(t["seed"])] == t["nodes"])
for t in c["leaves"]: out["leaves"].append([k.hex() for k in leaves(t["seed"], t["node"], t["dir"])] == t["leaves"])
for t in c["seal"]:
    ctr = t["ctr"]; key = leaves(t["seed"], ctr >> 26, t["dir"])[(ctr >> 20) & 63]
    nonce = bytes([(t["epoch"] & 1) << 7, 0, 0, 0]) + ctr.to_bytes(8, "big")
    out["seal"].append((nonce + AESGCM(key).encrypt(nonce, bytes.fromhex(t["plaintext"]), None)).hex() == t["packet"])
print(json.dumps(out))
`;
    const r = python(code, cases);
    assert.deepEqual(r.nodes, cases.nodes.map(() => true));
    assert.deepEqual(r.leaves, cases.leaves.map(() => true));
    assert.deepEqual(r.seal, cases.seal.map(() => true));
  });
});
