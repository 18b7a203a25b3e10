// PSP packet known answers: bare PSP (encrypt / decrypt) over version x crypt offset x
// cookie x size, S/D bits cycled; IP encapsulation over mode x IP version x version x
// size with the other dimensions cycled so every value of each appears; and invalid
// packets for every rejection reason, each made by one change to a valid packet.
import type { Drbg } from '../crypto/index.ts';
import { toHex } from '../util/bytes.ts';
import { IP_PROTO_TCP, IP_PROTO_UDP, LINUX_PSP_REKEY, VERSIONS } from '../model/psp/index.ts';
import type { JsonObject } from '../../adapters/ops/types.ts';
import { KatRecorder, type TestMeta } from '../vectors/record.ts';
import { katFile } from '../vectors/file.ts';
import { ipPacket, l4Segment } from './psp-inner.ts';
import type { SuiteDef } from './types.ts';

const CRYPT_OFFSETS = [0, 1, 2, 6, 11, 63];
const SIZES = [0, 1, 1400];
/** A payload every crypt offset fits in. */
const MID_SIZE = 300;
const SD: [boolean, boolean][] = [[false, false], [true, false], [false, true], [true, true]];
const MODES = ['transport', 'tunnel'] as const;
const IPS = [4, 6] as const;

/** Change bytes of a hex packet. */
function mutate(hex: string, f: (b: Uint8Array) => Uint8Array | void): string {
  const b = new Uint8Array(Buffer.from(hex, 'hex'));
  return toHex(f(b) ?? b);
}

function sender(rng: Drbg, version: number, cryptOffset: number, vc: boolean, [s, d]: [boolean, boolean]): JsonObject {
  return { spi: toHex(rng.bytes(4)), iv: toHex(rng.bytes(8)), version, cryptOffset, s, d, ...(vc ? { vc: toHex(rng.bytes(8)) } : {}) };
}

const isValid = (r: JsonObject) => r.valid === true;
const describe = (a: JsonObject) => `v${a.version} crypt_off ${a.cryptOffset}${a.vc ? ' VC' : ''}${a.s ? ' S' : ''}${a.d ? ' D' : ''}`;

export const pspPacketKat: SuiteDef = {
  name: 'psp-packet-kat',
  mechanism: 'psp',
  kind: 'kat',
  description: 'PSP packets: bare encrypt/decrypt and IPv4/IPv6 transport/tunnel encapsulation, versions 0-3, crypt offsets, cookie, S/D, sizes; every decrypt rejection',
  build(rng) {
    const rec = new KatRecorder();
    const keys = { key0: toHex(rng.bytes(32)), key1: toHex(rng.bytes(32)) };
    /** Record a test whose validity is the model's answer; an invalid one also tests `invalidReq`. */
    const judged = (type: string, record: (i: JsonObject, m: TestMeta) => JsonObject, input: JsonObject, meta: TestMeta, invalidReq: string) => {
      const r = record(input, meta);
      if (!isValid(r)) {
        const t = rec.groups.find((g) => g.type === type)!.tests.at(-1)!;
        t.result = 'invalid';
        t.reqs.push(invalidReq);
      }
      return r;
    };

    // Bare PSP: full product of version x crypt offset x cookie x size for the small sizes;
    // 1400 bytes for every version and cookie choice with the crypt offset cycled (file size).
    const enc = rec.group('PspEncrypt', 'psp.encrypt', keys);
    const dec = rec.group('PspDecrypt', 'psp.decrypt', keys);
    let i = 0;
    const bare = (version: number, cryptOffset: number, vc: boolean, size: number) => {
      const a = { ...sender(rng, version, cryptOffset, vc, SD[i++ % SD.length]), nextHeader: rng.pick([IP_PROTO_TCP, IP_PROTO_UDP]), payload: toHex(rng.bytes(size)) };
      const reqs = ['PSP-PKT-001', 'PSP-PKT-002', 'PSP-PKT-003', ...(vc ? ['PSP-PKT-004'] : [])];
      const r = judged('PspEncrypt', enc, a, { comment: `${describe(a)}, ${size}-byte payload`, flags: version >= 2 ? ['Gmac'] : [], reqs }, 'PSP-PKT-007');
      if (isValid(r)) dec({ packet: r.packet }, { comment: `decrypt ${describe(a)}, ${size}-byte payload`, reqs: [...reqs, 'PSP-PKT-014'] });
    };
    for (const version of VERSIONS)
      for (const cryptOffset of CRYPT_OFFSETS)
        for (const vc of [false, true]) for (const size of [...SIZES.filter((n) => n < 1400), MID_SIZE]) bare(version, cryptOffset, vc, size);
    let k = 0;
    for (const version of VERSIONS) for (const vc of [false, true]) bare(version, CRYPT_OFFSETS[k++ % CRYPT_OFFSETS.length], vc, 1400);

    // IP encapsulation: mode x IP version x PSP version x size; crypt offset, cookie and S/D cycled.
    const encap = rec.group('PspEncap', 'psp.encap', keys);
    const decap = rec.group('PspDecap', 'psp.decap', keys);
    const encapOne = (mode: 'transport' | 'tunnel', ip: 4 | 6, a: JsonObject, inner: Uint8Array, what: string) => {
      const reqs = [mode === 'transport' ? 'PSP-PKT-005' : 'PSP-PKT-006', 'PSP-PKT-002', ...(a.vc ? ['PSP-PKT-004'] : [])];
      const meta = { comment: `${mode} IPv${ip}, ${describe(a)}, ${what}`, flags: a.version === 2 || a.version === 3 ? ['Gmac'] : [], reqs };
      const r = judged('PspEncap', encap, { ...a, mode, packet: toHex(inner) }, meta, 'PSP-PKT-007');
      if (!isValid(r)) return;
      decap({ packet: r.packet }, { comment: `decap ${mode} IPv${ip}, ${describe(a)}, ${what}`, reqs: ['PSP-PKT-008', 'PSP-PKT-015'] });
    };
    let j = 0;
    const udpEncap = (mode: 'transport' | 'tunnel', ip: 4 | 6, version: number, size: number) => {
      const a = sender(rng, version, CRYPT_OFFSETS[j % 6], Math.floor(j / 6) % 2 === 1, SD[Math.floor(j / 12) % 4]);
      j++;
      encapOne(mode, ip, a, ipPacket(rng, { ip, proto: IP_PROTO_UDP, l4: l4Segment(rng, IP_PROTO_UDP, rng.bytes(size)) }), `UDP with ${size} data bytes`);
    };
    for (const mode of MODES) for (const ip of IPS) for (const version of VERSIONS) for (const size of SIZES.filter((n) => n < 1400)) udpEncap(mode, ip, version, size);
    let v = 0;
    for (const mode of MODES) for (const ip of IPS) udpEncap(mode, ip, VERSIONS[v++ % VERSIONS.length], 1400);
    // Every crypt offset fits a MID_SIZE payload, in each mode and IP version.
    for (const mode of MODES)
      for (const ip of IPS)
        for (const cryptOffset of CRYPT_OFFSETS) {
          const a = sender(rng, rng.pick(VERSIONS), cryptOffset, rng.int(2) === 1, rng.pick(SD));
          encapOne(mode, ip, a, ipPacket(rng, { ip, proto: IP_PROTO_TCP, l4: l4Segment(rng, IP_PROTO_TCP, rng.bytes(MID_SIZE)) }), `TCP with ${MID_SIZE} data bytes`);
        }
    // Edges of the reference's layout rules.
    const edge = (mode: 'transport' | 'tunnel', ip: 4 | 6, proto: number, l4: Uint8Array, what: string, extra: { options?: Uint8Array } = {}) =>
      encapOne(mode, ip, sender(rng, rng.pick(VERSIONS), 0, false, [false, false]), ipPacket(rng, { ip, proto, l4, ...extra }), what);
    for (const mode of MODES) {
      edge(mode, 4, IP_PROTO_UDP, l4Segment(rng, IP_PROTO_UDP, rng.bytes(20)), 'IPv4 with 8 bytes of options', { options: Uint8Array.of(0x94, 0x04, 0, 0, 1, 1, 1, 0) });
      edge(mode, 4, 1, rng.bytes(24), 'IPv4 carrying ICMP: UDP source port 1000');
      edge(mode, 6, 59, rng.bytes(16), 'IPv6 no-next-header payload (transport: not TCP/UDP, refused)');
      edge(mode, 4, IP_PROTO_UDP, rng.bytes(2), 'UDP shorter than its ports (refused)');
      edge(mode, 6, IP_PROTO_TCP, l4Segment(rng, IP_PROTO_TCP, rng.bytes(8900)), 'too big once encapsulated (refused)');
    }
    const bad = ipPacket(rng, { ip: 4, proto: IP_PROTO_UDP, l4: l4Segment(rng, IP_PROTO_UDP, rng.bytes(10)) });
    bad[3] += 1;
    encapOne('transport', 4, sender(rng, 0, 0, false, [false, false]), bad, 'IPv4 total length disagrees (refused)');

    // Invalid bare packets: one change each to a valid packet, before or after the ICV matters.
    const inv = rec.group('PspDecryptInvalid', 'psp.decrypt', keys);
    const base = (version: number, size: number, vc = false, cryptOffset = 0) =>
      String(enc({ ...sender(rng, version, cryptOffset, vc, [false, false]), nextHeader: IP_PROTO_TCP, payload: toHex(rng.bytes(size)) }, { comment: `base packet v${version}, ${size} bytes`, reqs: ['PSP-PKT-001'] }).packet);
    const bad1 = (packet: string, comment: string, flag: string, req: string) => inv({ packet }, { comment, flags: [flag], reqs: [req], result: 'invalid' });
    for (const version of VERSIONS) {
      const p = base(version, 40);
      const empty = base(version, 0);
      bad1(mutate(p, (b) => void (b[b.length - 1] ^= 1)), `v${version}: ICV bit flipped`, 'ModifiedIcv', 'PSP-PKT-014');
      bad1(mutate(p, (b) => void (b[20] ^= 0x80)), `v${version}: payload bit flipped`, 'ModifiedPayload', 'PSP-PKT-014');
      bad1(mutate(p, (b) => void (b[15] ^= 1)), `v${version}: IV changed`, 'ModifiedHeader', 'PSP-PKT-014');
      bad1(mutate(p, (b) => void (b[3] ^= 0x80)), `v${version}: S bit flipped`, 'ModifiedHeader', 'PSP-PKT-014');
      bad1(mutate(p, (b) => void (b[2] |= 0x80)), `v${version}: reserved crypt_off bit 7 set (the reference's forced corruption)`, 'ReservedBits', 'PSP-PKT-014');
      bad1(mutate(p, (b) => void (b[2] |= 0x40)), `v${version}: reserved crypt_off bit 6 set`, 'ReservedBits', 'PSP-PKT-014');
      bad1(mutate(p, (b) => void (b[4] ^= 0x80)), `v${version}: SPI bit 31 flipped: the other master key`, 'WrongKey', 'PSP-PKT-014');
      bad1(mutate(empty, (b) => void (b[b.length - 1] ^= 1)), `v${version}: empty payload, ICV bit flipped`, 'EmptyCiphertext', 'PSP-PKT-014');
      bad1(mutate(empty, (b) => void b.fill(0, 16)), `v${version}: empty payload, all-zero ICV`, 'EmptyCiphertext', 'PSP-PKT-014');
      bad1(mutate(p, (b) => b.subarray(0, 31)), `v${version}: 31 bytes, shorter than header + ICV`, 'Truncated', 'PSP-PKT-009');
    }
    const p0 = base(1, 40);
    bad1('', 'empty packet', 'Truncated', 'PSP-PKT-009');
    bad1(mutate(p0, (b) => void (b[1] = 9)), 'hdr_ext_len 9: extension runs past the packet', 'Truncated', 'PSP-PKT-009');
    bad1(mutate(p0, (b) => void (b[1] = 0)), 'hdr_ext_len 0', 'HdrExtLen', 'PSP-PKT-010');
    bad1(mutate(base(1, 40, true), (b) => void (b[1] = 1)), 'V set with hdr_ext_len 1: no room for the cookie', 'HdrExtLen', 'PSP-PKT-010');
    bad1(mutate(p0, (b) => void (b[2] = 11)), 'crypt offset 44 bytes past a 40-byte payload', 'CryptOffset', 'PSP-PKT-011');
    bad1(mutate(p0, (b) => void (b[2] = 0x3f)), 'crypt offset 63', 'CryptOffset', 'PSP-PKT-011');
    for (const v of [4, 7, 15]) bad1(mutate(p0, (b) => void (b[3] = (b[3] & 0xc3) | (v << 2))), `version ${v}`, 'UnknownVersion', 'PSP-PKT-012');
    bad1(mutate(p0, (b) => void (b[3] &= 0xfe)), 'always-1 bit clear', 'AlwaysOne', 'PSP-PKT-013');
    bad1(mutate(p0, (b) => void ((b[1] = 0), (b[2] = 63), (b[3] = 0x3c))), 'several faults: hdr_ext_len is reported first', 'CheckOrder', 'PSP-PKT-016');
    bad1(mutate(p0, (b) => void ((b[2] = 63), (b[3] = 0x3c))), 'crypt offset, version and always-1 wrong: crypt offset first', 'CheckOrder', 'PSP-PKT-016');
    bad1(mutate(p0, (b) => void (b[3] = 0x3c)), 'version 15 and always-1 clear: version first', 'CheckOrder', 'PSP-PKT-016');

    // Invalid IP packets for decapsulation.
    const dinv = rec.group('PspDecapInvalid', 'psp.decap', keys);
    const l3 = (ip: 4 | 6) =>
      String(encap({ ...sender(rng, 1, 1, false, [false, false]), mode: 'transport', packet: toHex(ipPacket(rng, { ip, proto: IP_PROTO_UDP, l4: l4Segment(rng, IP_PROTO_UDP, rng.bytes(32)) })) }, { comment: `base IPv${ip} packet`, reqs: ['PSP-PKT-005'] }).packet);
    const bad3 = (packet: string, comment: string, flag: string, req: string) => dinv({ packet }, { comment, flags: [flag], reqs: [req], result: 'invalid' });
    for (const ip of IPS) {
      const p = l3(ip);
      const h = ip === 4 ? 20 : 40;
      bad3(mutate(p, (b) => void (b[h + 3] ^= 1)), `IPv${ip}: UDP destination port 1001`, 'WrongPort', 'PSP-PKT-015');
      bad3(mutate(p, (b) => void (b[ip === 4 ? 9 : 6] = IP_PROTO_TCP)), `IPv${ip}: protocol TCP`, 'NotUdp', 'PSP-PKT-015');
      bad3(mutate(p, (b) => void (b[h + 5] += 1)), `IPv${ip}: UDP length one too many`, 'BadLength', 'PSP-PKT-015');
      bad3(mutate(p, (b) => b.subarray(0, b.length - 1)), `IPv${ip}: last byte cut (IP length disagrees)`, 'BadLength', 'PSP-PKT-015');
      bad3(mutate(p, (b) => void (b[b.length - 1] ^= 1)), `IPv${ip}: ICV bit flipped`, 'ModifiedIcv', 'PSP-PKT-014');
      bad3(mutate(p, (b) => void (b[h + 8 + 3] &= 0xfe)), `IPv${ip}: always-1 bit clear`, 'AlwaysOne', 'PSP-PKT-013');
      bad3(mutate(p, (b) => b.subarray(0, h - 4)), `IPv${ip}: IP header cut`, 'Truncated', 'PSP-PKT-009');
    }
    bad3(mutate(l3(4), (b) => void (b[0] = 0x55)), 'IP version 5', 'NotIp', 'PSP-PKT-015');
    bad3(mutate(l3(4), (b) => void (b[0] = 0x44)), 'IPv4 IHL 4', 'NotIp', 'PSP-PKT-015');

    return katFile(
      {
        suite: 'psp-packet-kat',
        mechanism: 'psp',
        seed: rng.seed,
        profile: { ...LINUX_PSP_REKEY },
        header: [
          'PSP packets as google/psp src/psp_encrypt.c lays them out (L3 packets here: no Ethernet header), versions 0-3 (2, 3 = GMAC, authenticate only).',
          'Every group shares one pair of master keys (common); the SPI picks the key and the version the key size.',
          'Full products over the small sizes (0, 1, 300 bytes); 1400 bytes per version and cookie (bare) or per mode and IP version (encapsulated), the other dimensions cycled.',
        ],
        notes: {
          Gmac: { bugType: 'EDGE_CASE', description: 'Version 2 or 3: nothing encrypted, everything before the ICV authenticated.' },
          ModifiedIcv: { bugType: 'AUTH', description: 'A bit of the ICV is flipped.' },
          ModifiedPayload: { bugType: 'AUTH', description: 'A bit after the header is flipped.' },
          ModifiedHeader: { bugType: 'AUTH', description: 'An authenticated header bit is changed.' },
          ReservedBits: { bugType: 'AUTH', description: 'A reserved crypt_off bit is set: ignored by the parser, but authenticated.' },
          WrongKey: { bugType: 'AUTH', description: 'SPI bit 31 flipped: derived from the other master key.' },
          EmptyCiphertext: { bugType: 'AUTH', description: 'Nothing to decrypt: the ICV must still be checked.' },
          Truncated: { bugType: 'MALFORMED', description: 'Too short for what the header says.' },
          HdrExtLen: { bugType: 'MALFORMED', description: 'hdr_ext_len below its minimum.' },
          CryptOffset: { bugType: 'MALFORMED', description: 'Crypt offset past the payload.' },
          UnknownVersion: { bugType: 'MALFORMED', description: 'Version 4..15.' },
          AlwaysOne: { bugType: 'MALFORMED', description: 'The always-1 bit is clear.' },
          CheckOrder: { bugType: 'EDGE_CASE', description: 'Several faults at once: the reference\'s check order decides the reason.' },
          WrongPort: { bugType: 'MALFORMED', description: 'UDP destination port is not 1000.' },
          NotUdp: { bugType: 'MALFORMED', description: 'The IP protocol is not UDP.' },
          NotIp: { bugType: 'MALFORMED', description: 'Not an IPv4/IPv6 header.' },
          BadLength: { bugType: 'MALFORMED', description: 'An IP or UDP length disagrees with the packet.' },
        },
      },
      rec.groups,
    );
  },
};
