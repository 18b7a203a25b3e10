// Seed corpora, written to fuzz/corpus/<target>/: bytes taken from the committed vector
// files where they exist, else made by the model's own encoders. Small on purpose.
// Regenerate with `npx tsx fuzz/jsfuzz/seeds.ts [TARGET...]`.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ReferenceEngine } from '../../adapters/reference/engine.ts';
import type { Json, JsonObject } from '../../adapters/ops/types.ts';
import { deriveKey } from '../../harness/model/psp/kdf.ts';
import { encap } from '../../harness/model/psp/encap.ts';
import { seal } from '../../harness/model/psp/packet.ts';
import { keyLen, VERSIONS } from '../../harness/model/psp/constants.ts';
import { rewriteIpHeader } from '../../harness/model/psp/ip.ts';
import { encodeHeader } from '../../harness/model/oap/hdr.ts';
import { DIGESTS, CIPHERS, SHA256_NID, SHA384_NID } from '../../harness/model/oap/nids.ts';
import { encode, senderExtra } from '../../harness/model/prod/wire.ts';
import { loadVectorFile, vectorPaths } from '../../harness/vectors/load.ts';
import type { VectorFile } from '../../harness/vectors/types.ts';
import { concat, fromHex, u8, utf8 } from '../../harness/util/bytes.ts';
import { VECTORS_DIR } from '../../harness/util/schema.ts';
import { CORPUS_DIR, sha256Hex } from '../lib/inputs.ts';
import { epochFuzzEndpoint } from '../lib/epoch-fixture.ts';
import { oapSeedResponses } from '../lib/oap-fixture.ts';
import { oapSeedRequests } from '../../harness/fuzz/targets/oap-fixture.ts';
import { pki } from '../../harness/suites/oap-common.ts';
import { decodeHeader } from '../../harness/model/oap/hdr.ts';
import { PSP_FUZZ_MASTER_KEYS } from '../lib/psp-fixture.ts';
import { PROD_FUZZ_FIXTURES, prodStoryPackets } from '../lib/prod-fixture.ts';
import { IN_PROCESS_TARGETS } from '../targets/index.ts';

const MAX_PER_TARGET = 24;
const vectorFiles = (): { path: string; file: VectorFile }[] => vectorPaths(VECTORS_DIR).map((path) => ({ path, file: loadVectorFile(path) }));

/** Every hex value under a key named `key` in the vector files, as bytes. */
function vectorBytes(key: string, mechanism: string): Uint8Array[] {
  const out: Uint8Array[] = [];
  const walk = (v: Json | undefined) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) k === key && typeof x === 'string' ? out.push(fromHex(x)) : walk(x);
  };
  for (const { file } of vectorFiles()) if (file.mechanism === mechanism) walk(file.testGroups as unknown as Json);
  return out;
}

/** Request lines a harness would send: KAT inputs, and scenarios with handles bound by a fresh engine. */
function requestLines(): string[] {
  const lines: string[] = [];
  let id = 1;
  for (const { file } of vectorFiles()) {
    for (const g of file.testGroups) {
      const t = g.tests[0];
      if ('input' in t) {
        const kg = g as { op: string; common?: JsonObject };
        lines.push(JSON.stringify({ id: id++, op: kg.op, args: { ...kg.common, ...t.input } }));
      } else if ('steps' in t) {
        const engine = new ReferenceEngine();
        const bound: Record<string, string> = {};
        const script: string[] = [];
        for (const s of t.steps.slice(0, 6)) {
          const args = JSON.parse(JSON.stringify(s.args), (_k, v) => (typeof v === 'string' && v.startsWith('@') ? bound[v.slice(1)] ?? v : v));
          const r = engine.call(s.op, args);
          if (s.bind && r.ok) bound[s.bind] = String(r.result.handle);
          script.push(JSON.stringify({ id: id++, op: s.op, args }));
        }
        lines.push(script.join('\n'));
      }
    }
  }
  return lines;
}

function ipv4(proto: number, payload: Uint8Array): Uint8Array {
  const h = Uint8Array.from([0x45, 0, 0, 0, 0, 1, 0x40, 0, 64, proto, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2]);
  const hdr = rewriteIpHeader(h, 4, proto, payload.length);
  return Uint8Array.from([...hdr, ...payload]);
}

function ipv6(proto: number, payload: Uint8Array): Uint8Array {
  const h = new Uint8Array(40);
  h[0] = 0x60;
  h[7] = 64;
  h[23] = 1;
  h[39] = 2;
  return Uint8Array.from([...rewriteIpHeader(h, 6, proto, payload.length), ...payload]);
}

const udp = (body: Uint8Array) => Uint8Array.from([0x30, 0x39, 0x01, 0xbb, 0, 8 + body.length, 0, 0, ...body]);

const SEEDS: Record<string, () => Uint8Array[]> = {
  'keyrot-nonce': () => vectorBytes('packet', 'keyrot'),
  'epoch-recv': () => {
    const a = epochFuzzEndpoint('initiator');
    const out: Uint8Array[] = [];
    for (const [pt, now] of [['', 1], ['00', 1], ['hello epoch 0', 2], ['hello epoch 1', 1500], ['ffff', 1501]] as const) {
      const r = a.send(utf8(pt), now);
      if (r.status === 'sent') out.push(r.packet);
    }
    return out;
  },
  'oap-header': () => {
    const id = Uint8Array.from({ length: 16 }, (_, i) => i);
    const base = { id, timestamp: 1_750_000_000_000_000_000n, cipherNid: CIPHERS[0].nid, kdfNid: SHA256_NID, mdNid: SHA384_NID, kexFmt: 0 as const, kexRole: 0 as const };
    const none = new Uint8Array(0);
    return [
      encodeHeader({ ...base, crt: none, kex: new Uint8Array(32).fill(3), data: none, reqHash: none, sig: none }),
      encodeHeader({ ...base, kexFmt: 1, kexRole: 1, crt: new Uint8Array(40).fill(1), kex: new Uint8Array(64).fill(2), data: utf8('data'), reqHash: none, sig: new Uint8Array(64).fill(9) }),
      encodeHeader({ ...base, cipherNid: 0, kdfNid: 0, mdNid: 0, crt: none, kex: none, data: none, reqHash: new Uint8Array(32).fill(5), sig: none }),
      encodeHeader({ ...base, mdNid: DIGESTS[DIGESTS.length - 1].nid, crt: new Uint8Array(8).fill(1), kex: none, data: none, reqHash: new Uint8Array(48).fill(5), sig: new Uint8Array(96).fill(9) }),
    ];
  },
  // Byte 0 picks the server / client (see the targets), the rest is the request / response.
  'oap-server': () => oapSeedRequests().map((r) => concat(u8(r.server), r.request)),
  'oap-client': () => oapSeedResponses().map((r) => concat(u8(r.client), r.response)),
  'oap-keys': () => [
    ...(['root', 'intermediate', 'server', 'client', 'expiredServer', 'strangerServer'] as const).map((c) => pki('ecdsa-p256')[c].cert),
    pki('ml-dsa-44').client.cert,
    ...oapSeedRequests().flatMap((r) => {
      const d = decodeHeader(r.request);
      return d.ok ? [d.hdr.kex] : [];
    }),
  ],
  'psp-packet': () =>
    VERSIONS.flatMap((version) =>
      [0, 1, 3].map((off) => {
        const r = seal(new Uint8Array(keyLen(version)).fill(7), { nextHeader: 17, cryptOffset: off, s: false, d: false, version, spi: 0x12345678, iv: 1n, vc: off === 3 ? new Uint8Array(8).fill(0xc) : undefined }, utf8('payload of a psp packet'));
        return r.ok ? r.packet : new Uint8Array(0);
      }),
    ),
  'psp-decap': () =>
    VERSIONS.flatMap((version) =>
      (['transport', 'tunnel'] as const).flatMap((mode) =>
        [ipv4(17, udp(utf8('inner v4'))), ipv6(17, udp(utf8('inner v6')))].map((inner, i) => {
          const spi = i ? 0x9a345678 : 0x12345678;
          const key = deriveKey(PSP_FUZZ_MASTER_KEYS, spi, version);
          const r = encap(mode, key, { cryptOffset: 1, s: false, d: false, version, spi, iv: 7n }, inner);
          return r.ok ? r.packet : new Uint8Array(0);
        }),
      ),
    ),
  'prod-wire': () => {
    const a = { name: utf8('alice'), extra: new Uint8Array(0) };
    const b = { name: utf8('bob'), extra: new Uint8Array(0) };
    const n8 = new Uint8Array(8).fill(1);
    const withExtra = (label: 'MSG2' | 'MSG3') => ({ ...a, extra: senderExtra(label, 0x0f, 1400) });
    return [
      encode({ label: 'NAK', dest: 1, source: 2, body: new Uint8Array(0) }),
      encode({ label: 'PROD', dest: 0, source: 0, sender: a, receiver: b }),
      encode({ label: 'MSG1', dest: 0, source: 7, sender: a, receiver: b, nSender: n8 }),
      encode({ label: 'MSG2', dest: 7, source: 9, sender: withExtra('MSG2'), receiver: b, nSender: n8, nReceiver: n8 }),
      encode({ label: 'MSG3', dest: 9, source: 7, sender: withExtra('MSG3'), receiver: b, nSender: n8, nReceiver: n8, pk: utf8('pk'), sig: utf8('sig') }),
      encode({ label: 'MSG0', dest: 9, source: 7, payload: utf8('data') }),
    ];
  },
  // Byte 0 picks the site fixture, byte 1 the flags (see the target): spread so every fixture gets one.
  'prod-site': () => prodStoryPackets().map((p, j) => concat(u8(j % PROD_FUZZ_FIXTURES, j & 2), p)),
  'adapter-lines': () => [utf8('{"id":1,"op":"hello","args":{}}\n'), utf8('a\r\n\n  \nb\nccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc\nd\n'), utf8('é€😀\n')],
  'shim-request': () => requestLines().map(utf8),
  'vector-file': () =>
    vectorFiles().map(({ file }) => {
      const g = { ...file.testGroups[0], tests: file.testGroups[0].tests.slice(0, 1) };
      return utf8(JSON.stringify({ ...file, numberOfTests: 1, testGroups: [g] }));
    }),
  expectations: () => [
    utf8(JSON.stringify({ schema: 'expectations_v1.schema.json', iut: 'x', entries: [{ match: 'keyrot-kat#*', status: 'skip', reason: 'r' }, { match: 'req:KEYROT-0*', status: 'fail', reason: 'r', expires: '2026-01-01' }] })),
    utf8(JSON.stringify({ schema: 'expectations_v1.schema.json', entries: [{ match: 'psp-rx-scenarios#{1..20}', status: 'fail', reason: 'r', expires: '2027-12-31' }] })),
  ],
};

export function seedsFor(name: string): Uint8Array[] {
  const all = SEEDS[name]?.() ?? [];
  const seen = new Set<string>();
  return all.filter((b) => b.length && !seen.has(Buffer.from(b).toString('hex')) && seen.add(Buffer.from(b).toString('hex'))).slice(0, MAX_PER_TARGET);
}

const wanted = process.argv.slice(2);
for (const name of wanted.length ? wanted : Object.keys(IN_PROCESS_TARGETS)) {
  const dir = join(CORPUS_DIR, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const seeds = seedsFor(name);
  for (const s of seeds) writeFileSync(join(dir, sha256Hex(s).slice(0, 16)), s);
  console.log(`${name}: ${seeds.length} seeds`);
}
