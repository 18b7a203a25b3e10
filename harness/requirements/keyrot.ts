// KEYROT-* and EPOCH-*: Ouroboros flow re-keying (shared/seeds/000, 001) as read in
// DESIGN.md section 3. The June 2026 code is not public: the seed's commit message
// is the spec, and every constant is a profile parameter.
import type { Requirement } from './types.ts';

const S000 = 'shared/seeds/000_cda5637b450a16c5.txt';
const DESIGN = 'DESIGN.md section 3 (keyrot)';
const DESIGN_E = 'DESIGN.md section 3 (epoch grace)';

const r = (id: string, level: Requirement['level'], title: string, sources: Requirement['sources'], decision?: string): Requirement => ({
  id, mechanism: id.startsWith('KEYROT') ? 'keyrot' : 'epoch', level, title, sources, ...(decision ? { decision } : {}),
});

export const KEYROT_REQUIREMENTS: Requirement[] = [
  r('KEYROT-001', 'MUST', 'The seed is HKDF-Expand-SHA256(PRK = seed, info = "o7s-keyrot-nodes") expanded into 128 node keys of 32 bytes', [
    { ref: S000, quote: 'keyrot immediately HKDF-expands it into 128 node keys (KR_NODES_SZ = 128 × 32 B) and wipes the root' },
    { ref: DESIGN, quote: 'nodes = HKDF-Expand-SHA256(PRK = seed, info = "o7s-keyrot-nodes", L = 128 x 32)' },
  ], 'HKDF labels are our profile o7s-keyrot-v1; the real labels are not public.'),
  r('KEYROT-002', 'MUST', 'Each node key is expanded into 64 leaf keys per direction, with the direction byte appended to the info', [
    { ref: S000, quote: 'each of the 128 node keys is itself a root → HKDF-expanded into 64 (2^KEY_NODE_BITS) leaf keys, forked per direction' },
    { ref: DESIGN, quote: 'leaves(i, dir) = HKDF-Expand-SHA256(PRK = node i, info = "o7s-keyrot-leaves" || dir, L = 64 x 32)' },
  ]),
  r('KEYROT-003', 'MUST', 'Direction 0 protects traffic sent by the allocating side (OAP client), 1 the other; the two directions never share a key', [
    { ref: DESIGN, quote: 'dir = 0x00 for traffic sent by the flow\'s allocating side (OAP client), 0x01 for the other direction' },
  ]),
  r('KEYROT-004', 'MUST', 'Counter layout ctr = node << 26 | leaf << 20 | seq; a leaf key protects 2^20 packets and seq is its nonce', [
    { ref: S000, quote: 'each leaf key is the actual AEAD key, good for 2^20 packets (the low counter bits are its nonce/seq)' },
    { ref: DESIGN, quote: 'a 33-bit packet counter ctr = node << 26 | leaf << 20 | seq' },
  ]),
  r('KEYROT-005', 'MUST', 'Nonce: byte 0 = (epoch & 1) << 7, bytes 1..3 zero, bytes 4..11 the counter big-endian; packet = nonce || ciphertext || 16-byte tag', [
    { ref: DESIGN, quote: 'AEAD nonce (12 bytes): byte 0 = (epoch & 1) << 7, bytes 1..3 = 0, bytes 4..11 = ctr big-endian. Packet = nonce || ciphertext || 16-byte tag.' },
  ]),
  r('KEYROT-006', 'MUST', 'A counter at or past 2^33 is never used: TX fails, the counter never wraps and no key is reused', [
    { ref: DESIGN, quote: 'ctr >= 2^33: TX fails, never wraps, never reuses a key' },
  ]),
  r('KEYROT-007', 'MUST', 'A packet is opened only with the key of its own direction, epoch parity and counter; reserved nonce bits must be zero', [
    { ref: DESIGN, quote: 'byte 0 = (epoch & 1) << 7, bytes 1..3 = 0' },
  ], 'Non-zero reserved nonce bits are rejected (BAD_NONCE) rather than ignored.'),
  r('KEYROT-008', 'MUST', 'RB_REKEY is raised once per epoch when the TX direction has KEY_REKEY_WATERMARK (512) leaf keys or fewer left', [
    { ref: S000, quote: 'If the number of keys runs low, a re-key will be triggered (KEY_REKEY_WATERMARK). The rekey is signalled out of band to the application.' },
    { ref: DESIGN, quote: 'when the TX direction has <= KEY_REKEY_WATERMARK leaf keys left (default 512 = 8 nodes), signal RB_REKEY once per epoch' },
  ], 'Keys left counts the leaf in use: left = total - index of the current leaf.'),
  r('EPOCH-001', 'MUST', 'After rekey(seed, e+1), TX stays on epoch e while RX accepts e and e+1', [
    { ref: S000, quote: 'TX holds the old epoch until the peer is observed on the new one (or a grace deadline elapses)' },
    { ref: DESIGN_E, quote: 'then TX stays on e, RX accepts e and e+1, deadline T = now + GRACE' },
  ]),
  r('EPOCH-002', 'MUST', 'TX moves to e+1 (counter 0) once a packet authenticated under e+1 has been received', [
    { ref: DESIGN_E, quote: 'if a packet authenticated under e+1 was received, or now >= T, TX moves to e+1 (counter 0)' },
  ]),
  r('EPOCH-003', 'MUST', 'TX moves to e+1 when the grace deadline has passed, checked on the read path (a receive-only flow advances)', [
    { ref: S000, quote: 'promoted from both the read and write paths so a recv-mostly flow still advances' },
  ]),
  r('EPOCH-004', 'MUST', 'TX moves to e+1 when the grace deadline has passed, checked on the write path', [
    { ref: S000, quote: 'promoted from both the read and write paths' },
  ]),
  r('EPOCH-005', 'MUST', 'After promotion RX keeps epoch e until T2 = promotion time + GRACE, then wipes it; packets of e are refused after', [
    { ref: DESIGN_E, quote: 'RX keeps e until T2, then wipes it' },
  ]),
  r('EPOCH-006', 'MUST', 'A packet of an unknown epoch, or that fails authentication, is dropped and changes no state', [
    { ref: DESIGN_E, quote: 'A packet of an unknown epoch or that fails authentication is dropped and changes no state.' },
  ], 'Time-driven changes (deadline promotion, expiry) still happen on that call: they belong to the read path, not to the packet.'),
  r('EPOCH-007', 'MUST', 'A rekey while a transition is pending is refused and changes nothing', [
    { ref: DESIGN_E, quote: 'rekey(seed, e+1) only when nothing is pending' },
  ], 'Pending = TX not yet promoted, or the old RX epoch still held (the wire carries only epoch & 1). A rekey to any epoch but e+1 is refused too.'),
  r('EPOCH-008', 'MUST', 'Promotion resets the TX counter and re-arms the once-per-epoch watermark', [
    { ref: DESIGN, quote: 'signal RB_REKEY once per epoch' },
    { ref: DESIGN_E, quote: 'TX moves to e+1 (counter 0)' },
  ]),
  r('EPOCH-009', 'MUST', 'The epoch is a uint8 and the wire carries epoch & 1: epoch 255 is followed by epoch 0', [
    { ref: DESIGN_E, quote: 'uint8 epoch; wire carries epoch & 1.' },
  ]),
  r('EPOCH-010', 'MUST', 'Both ends of a flow agree: every packet one end sends under a shared epoch is accepted by the other, in order or not', [
    { ref: S000, quote: 'forked per direction; each leaf key is the actual AEAD key' },
  ]),
];
