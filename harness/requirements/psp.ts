// PSP-KDF-*, PSP-PKT-*, PSP-RX-*, PSP-TX-*. Where each fact comes from:
// - the PSP reference implementation (google/psp src/psp.h, src/psp_encrypt.c,
//   src/psp_decrypt.c): key derivation, header, encapsulation, decryption checks;
// - the seed series text (shared/seeds/003): two RX assocs tried current then previous,
//   tx rekey as an instant, deferred TX key deletion;
// - upstream Linux (Documentation/networking/psp.rst, net/psp/psp_sock.c, psp_nl.c):
//   generations and staleness, rekey preconditions, SPI rules.
import type { Requirement } from './types.ts';

const REF_H = 'google/psp:src/psp.h';
const REF_ENC = 'google/psp:src/psp_encrypt.c';
const REF_DEC = 'google/psp:src/psp_decrypt.c';
const SEED = 'shared/seeds/003_118dd5cfa3486786.txt';
const RST = 'torvalds/linux:Documentation/networking/psp.rst';
const SOCK = 'torvalds/linux:net/psp/psp_sock.c';
const NL = 'torvalds/linux:net/psp/psp_nl.c';
const DESIGN = 'DESIGN.md section 3 (PSP)';

const r = (id: string, level: Requirement['level'], title: string, sources: Requirement['sources'], decision?: string): Requirement => ({
  id, mechanism: 'psp', level, title, sources, ...(decision ? { decision } : {}),
});

export const PSP_REQUIREMENTS: Requirement[] = [
  r('PSP-KDF-001', 'MUST', 'Derived key = AES-256-CMAC(master key, block), block = counter u32 | 0x50 0x76 0x30+version 0x00 | SPI u32 | 0x0000 | key bits u16', [
    { ref: REF_ENC, quote: 'input_block.octets[3] = counter; [4] = 0x50; [5] = 0x76; [6] = 0x30 (128) / 0x31 (256); [8..11] = spi; [14..15] = 0x0080 / 0x0100; CMAC_Init(..., EVP_aes_256_cbc())' },
    { ref: DESIGN, quote: 'derived key = AES-256-CMAC(master key, block) in SP800-108 counter mode' },
  ]),
  r('PSP-KDF-002', 'MUST', '128-bit keys (versions 0, 2) are one block with counter 1; 256-bit keys (versions 1, 3) are the blocks of counters 1 and 2 concatenated', [
    { ref: REF_ENC, quote: 'derive_psp_key_128(pkt_ctx, 1, key) ... if AES_GCM_256: derive_psp_key_128(pkt_ctx, 2, &key[16])' },
  ]),
  r('PSP-KDF-003', 'MUST', 'SPI bit 31 selects master key 1, otherwise master key 0', [
    { ref: REF_H, quote: '#define PSP_SPI_KEY_SELECTOR_BIT 0x80000000' },
    { ref: REF_ENC, quote: 'if (spi & PSP_SPI_KEY_SELECTOR_BIT) key = master_key1; else key = master_key0' },
  ]),
  r('PSP-KDF-004', 'MUST', 'The published PSP specification examples are reproduced (SPI 12345678 / 9A345678, versions 0 and 1)', [
    { ref: DESIGN, quote: 'SPI 12345678 v0 K0 -> 96c22dc799198090b74b70ae468e4e30; SPI 9A345678 v0 K1 -> 3946da2554eae46ad1ef77a64372edc4' },
  ]),
  r('PSP-KDF-005', 'MUST', 'Versions 2 and 3 (GMAC) derive with label byte 0x32 / 0x33 and their key size', [
    { ref: DESIGN, quote: 'block = counter u32 | "P" "v" 0x30+version 0x00 | SPI u32 | key bits u32' },
  ], 'The reference only implements versions 0 and 1; 0x30+version for 2 and 3 follows DESIGN.md.'),

  r('PSP-PKT-001', 'MUST', 'Header: next_hdr | hdr_ext_len | crypt_off (bits 0-5, 4-byte units; 6-7 reserved) | S D version(4) V 1 | SPI u32 | IV u64, big-endian', [
    { ref: REF_H, quote: 'struct psp_hdr { next_hdr; hdr_ext_len; crypt_off; s_d_ver_v_1; spi; iv; }; PSP_HDR_FLAG_S_SHIFT 7, D 6, VER 2, V 1, ALWAYS_1 1' },
  ]),
  r('PSP-PKT-002', 'MUST', 'GCM nonce = SPI || IV; AAD = the 16-byte header plus crypt_off x 4 bytes after it; 16-byte ICV after the ciphertext', [
    { ref: REF_ENC, quote: 'memcpy(gcm_iv, &psp->spi, 4); memcpy(&gcm_iv[4], &psp->iv, 8); aad_len = base_psp_hdr_len + crypt_off' },
  ]),
  r('PSP-PKT-003', 'MUST', 'Versions 0..3 are AES-GCM-128, AES-GCM-256, AES-GMAC-128, AES-GMAC-256; GMAC authenticates everything up to the ICV and encrypts nothing', [
    { ref: REF_H, quote: 'PSP_VER0 /* AES-GCM-128 */, PSP_VER1 /* AES-GCM-256 */, PSP_VER2 /* AES-GMAC-128 */, PSP_VER3 /* AES-GMAC-256 */' },
  ], 'GMAC = GCM with empty plaintext and the header, extension and payload as AAD; the crypt offset is carried but encrypts nothing.'),
  r('PSP-PKT-004', 'MUST', 'A virtualization cookie is 8 bytes after the base header with hdr_ext_len 2 and V set; the crypt offset counts from the end of the base header, cookie included', [
    { ref: REF_ENC, quote: 'psp->hdr_ext_len = PSP_HDR_EXT_LEN_WITH_VC; s_d_ver_v_1 |= PSP_HDR_FLAG_V; in_encrypt = buf + base_psp_hdr_len + crypt_off' },
  ], 'The reference writes a zero cookie; ops accept any 8-byte cookie.'),
  r('PSP-PKT-005', 'MUST', 'Transport mode: IP header kept; IPv4 total length / IPv6 payload length grow by the encapsulation, protocol becomes UDP, IPv4 checksum recomputed; UDP sport = inner sport XOR dport (1000 when not TCP/UDP), dport 1000, checksum 0; next_hdr = the inner protocol', [
    { ref: REF_ENC, quote: 'out_ipv4->len = htons(ip_len + psp_encap_octets); proto = IP_PROTO_UDP; csum = ipv4_hdr_csum(); psp_udp->sport = htons(sport ^ dport); dport = htons(UDP_PORT_PSP); csum = 0' },
  ]),
  r('PSP-PKT-006', 'MUST', 'Tunnel mode: the outer header is the inner one\'s fixed header (IPv4 IHL 5) with protocol UDP and the new length; next_hdr 4 (IPv4) or 41 (IPv6); the whole inner packet is the PSP payload', [
    { ref: REF_ENC, quote: 'memcpy(tunnel_ipv4, ipv4, sizeof(struct ipv4_hdr)); tunnel_ipv4->ver_ihl = IPV4_VER_IHL; psp_next_hdr = IP_PROTO_IPV4 / IP_PROTO_IPV6' },
  ]),
  r('PSP-PKT-007', 'MUST', 'Encapsulation is refused when the crypt offset passes the payload, for an IPv6 transport packet that is not TCP/UDP, and past 9000 bytes', [
    { ref: REF_ENC, quote: 'if (crypt_off > psp_payload_len) "skipping packet, crypt offset too big"; IPv6 default: return PKT_SKIPPED; max_pkt_octets = ETH_JUMBO_MAX_OCTETS' },
  ], 'L3 limit 9000 = jumbo Ethernet 9014 minus the 14-byte Ethernet header; TCP/UDP with fewer than 4 L4 bytes is TRUNCATED (the ports cannot be read).'),
  r('PSP-PKT-008', 'MUST', 'Decapsulation restores the packet: transport mode rewrites protocol = next_hdr, lengths and IPv4 checksum; tunnel mode returns the inner packet; next_hdr 4 or 41 means tunnel', [
    { ref: REF_DEC, quote: 'case IP_PROTO_IPV4: case IP_PROTO_IPV6: psp_encap = PSP_TUNNEL; out_ipv4->len = htons(ip_len - strip_len); out_ipv4->proto = psp->next_hdr' },
  ]),
  r('PSP-PKT-009', 'MUST', 'A packet shorter than header + ICV, or whose extension runs past it, is refused (TRUNCATED)', [
    { ref: REF_DEC, quote: 'if (hdr_ext_len > psp_payload_len) "invalid packet, hdr_ext_len exceeds packet size"' },
  ]),
  r('PSP-PKT-010', 'MUST', 'hdr_ext_len 0, or below 2 with V set, is refused (HDR_EXT_LEN_TOO_SMALL)', [
    { ref: REF_H, quote: '#define PSP_HDR_EXT_LEN_MIN 1; #define PSP_HDR_EXT_LEN_WITH_VC 2' },
  ], 'The reference computes (hdr_ext_len - 1) x 8 unsigned, so 0 fails as "exceeds packet size"; we name it.'),
  r('PSP-PKT-011', 'MUST', 'A crypt offset past the payload is refused (CRYPT_OFFSET_PAST_PAYLOAD)', [
    { ref: REF_DEC, quote: 'if (crypt_off > psp_payload_len) "invalid packet, crypt offset too big"' },
  ]),
  r('PSP-PKT-012', 'MUST', 'A version other than 0..3 is refused (UNKNOWN_VERSION)', [
    { ref: REF_DEC, quote: 'default: "invalid packet, unsupported PSP version"' },
  ]),
  r('PSP-PKT-013', 'MUST', 'A header whose always-1 bit is clear is refused (ALWAYS_ONE_CLEAR)', [
    { ref: REF_DEC, quote: 'if ((psp->s_d_ver_v_1 & PSP_HDR_ALWAYS_1) != PSP_HDR_ALWAYS_1) "invalid word 0 in PSP header"' },
  ]),
  r('PSP-PKT-014', 'MUST', 'An ICV that does not verify is refused (ICV_MISMATCH), also when the ciphertext is empty; the reserved crypt_off bits are authenticated', [
    { ref: REF_ENC, quote: 'force_corruption: psp->crypt_off |= PSP_CRYPT_OFFSET_RESERVED_BIT7 "which will cause authentication to fail"' },
    { ref: DESIGN, quote: 'ICV mismatch (including an empty ciphertext: never accept it unchecked)' },
  ]),
  r('PSP-PKT-015', 'MUST', 'Decapsulation refuses a non-UDP packet, a UDP destination port other than 1000, and IP or UDP lengths that disagree with the packet', [
    { ref: REF_DEC, quote: 'if (dport != UDP_PORT_PSP) "skipping non-PSP packet"; if (ntohs(psp_udp->len) != ...) "bad UDP len"; if (ip_len != ip_pkt_len) "bad IP len"' },
  ]),
  r('PSP-PKT-016', 'MUST', 'Checks run in the reference\'s order: lengths, hdr_ext_len, crypt offset, version, always-1 bit, then the ICV', [
    { ref: REF_DEC, quote: 'process_in_pkt(): hdr_ext_len, crypt_off, psp_ver, PSP_HDR_ALWAYS_1, then psp_decrypt()' },
  ], 'Order matters only for packets with several faults; vectors with one fault each test every reason.'),

  r('PSP-RX-001', 'MUST', 'A socket holds at most two RX assocs: rx rekey makes the new one current, current becomes previous, an older one is dropped', [
    { ref: SEED, quote: 'we allow a socket to keep a chain of a max of two psp assocs at any time' },
  ]),
  r('PSP-RX-002', 'MUST', 'A received packet is tried against the current assoc first, then the previous one', [
    { ref: SEED, quote: 'If authentication state does not match the most recent assoc, the previous one will be tried.' },
  ], 'Matching is by SPI (as psp_pse_matches_pas); the result lists the assocs tried, in order.'),
  r('PSP-RX-003', 'MUST', 'After two rx rekeys a packet on the third-oldest SPI is refused', [
    { ref: SEED, quote: 'a chain of a max of two psp assocs' },
  ]),
  r('PSP-RX-004', 'MUST', 'An assoc survives one device-key rotation and is stale after the second; packets on a stale assoc are dropped and counted', [
    { ref: SOCK, quote: 'psp_assocs_key_rotated(): prev_assocs marked invalid ("they will no longer be able to Rx any traffic"), active -> prev; psd->stats.stales++' },
    { ref: RST, quote: 'The applications are expected to re-establish connections before keys are rotated again.' },
  ]),
  r('PSP-RX-005', 'MUST', 'The device generation is u8 masked with 0x7f: it wraps from 127 to 0; staleness does not depend on the wrap', [
    { ref: NL, quote: 'psd->generation = (prev_gen + 1) & PSP_GEN_VALID_MASK' },
  ], 'Staleness is counted in rotations since the assoc was made, as the list moves in psp_assocs_key_rotated.'),
  r('PSP-RX-006', 'MUST', 'New SPIs are allocated on the current device key: bit 31 is the current key slot (phase), the low 31 bits are never zero; a rotation puts the new key in the older slot', [
    { ref: RST, quote: 'A phase bit carried in the packet headers indicates which generation of device key the packet has been encrypted with.' },
    { ref: SEED, quote: 'rx rekey: we need to allocate a new spi and decryption key on the current device key' },
  ], 'SPIs are phase | index, the index counting from 1 per device; slot = rotations mod 2.'),
  r('PSP-RX-007', 'MUST', 'rx rekey is refused unless the socket is fully established (TX key set and a packet received on the current assoc)', [
    { ref: SOCK, quote: 'psp_sock_rx_rekey(): if (!prev->tx.spi || !prev->peer_tx) "Socket PSP state is not fully established"' },
  ]),
  r('PSP-RX-008', 'MUST', 'rx rekey is refused when the new SPI would have the same phase bit as the current one', [
    { ref: SOCK, quote: 'if (!((pas->rx.spi ^ prev->rx.spi) & cpu_to_be32(PSP_SPI_KEY_PHASE))) "New and prev SPI have same phase bit"' },
  ], 'Profile parameter rxRekeyPhaseCheck (default true, as upstream); scenarios that test the two-assoc limit alone turn it off.'),
  r('PSP-RX-009', 'MUST', 'Counters: accepted, auth-failed (ICV or version mismatch), stale, unknown SPI, malformed; a dropped packet changes no assoc', [
    { ref: NL, quote: 'psd->stats.rotations++; psd->stats.stales++' },
  ], 'Counter names and the split of drop reasons are ours.'),
  r('PSP-RX-010', 'MUST', 'rx_assoc on a socket that already has one is refused (rx_rekey is the way to replace it)', [
    { ref: SOCK, quote: 'psp_sock_assoc_set_rx(): if (psp_sk_assoc(sk)) "Socket already has PSP state"' },
  ], 'Upstream later turns a second rx-assoc into a rekey; the adapter keeps the two operations apart.'),

  r('PSP-TX-001', 'MUST', 'tx_assoc needs an RX assoc; a second tx_assoc is refused (tx_rekey replaces the key)', [
    { ref: SOCK, quote: 'if (!pas) "Socket has no Rx key"; if (pas->tx.spi) "Tx key already set"' },
  ]),
  r('PSP-TX-002', 'MUST', 'A tx rekey is an instant: every send after it, retransmissions included, uses the new key', [
    { ref: SEED, quote: 'tx rekey: our peer has provided us with a new spi + encryption key pair which we should use for encrypting traffic immediately ... So this defines a rekey event as an instant in time.' },
  ], 'Profile retransmitKey = instant (default).'),
  r('PSP-TX-003', 'MUST', 'Profile "rekey at a sequence number": data first sent before the rekey is retransmitted under the old key, which lives until that data is acknowledged', [
    { ref: SEED, quote: 'An alternative choice is to rekey at a specific seqno. The difference matters only for retransmits.' },
  ], 'Profile retransmitKey = seqno; an old key retires once snd_una reaches the start of its successor.'),
  r('PSP-TX-004', 'MUST', 'Without deferred deletion the old TX key is freed at the rekey', [
    { ref: SEED, quote: 'as soon as we install the new tx key, we have no use for the previous one, and it can be disposed of immediately' },
  ]),
  r('PSP-TX-005', 'MUST', 'With deferred deletion an old TX key is never freed while a descriptor that references it is in flight', [
    { ref: SEED, quote: 'psp core needs to be sure that any of these unaccounted for references to key state are gone by the time it tries to sync a deleted key to hw' },
  ]),
  r('PSP-TX-006', 'MUST', 'With deferred deletion an old TX key is freed when the last descriptor referencing it completes (no leak)', [
    { ref: SEED, quote: 'the driver can signal back to the core when it is safe to dispose of old tx keys' },
  ]),
  r('PSP-TX-007', 'MUST', 'A TX key is freed at most once; completing a descriptor twice is refused and frees nothing', [
    { ref: SEED, quote: 'a driver api for implementing deferred tx key deletion' },
  ], 'Double completion is a refused outcome (ALREADY_COMPLETED).'),
  r('PSP-TX-008', 'MUST', 'A freed TX key is never used: no send goes out under it', [
    { ref: SEED, quote: 'any of these unaccounted for references to key state are gone by the time it tries to sync a deleted key to hw' },
  ]),
  r('PSP-TX-009', 'MUST', 'A send returns a descriptor that references the key used; each key\'s IVs start at 1 and increase by one per packet', [
    { ref: REF_H, quote: '#define PSP_INITIAL_IV 1 /* starting value for psp initialization vector */' },
    { ref: SEED, quote: 'the case where hw uses a key handle in tx descriptor state' },
  ], 'The IV counter is per TX key; sends are TCP (next_hdr 6), crypt offset 0, bare PSP.'),
  r('PSP-TX-010', 'MUST', 'tx rekey needs the socket established (a packet received on the current RX assoc); an SPI with zero low 31 bits, or a key of the wrong size for the version, is refused', [
    { ref: SOCK, quote: 'psp_sock_tx_rekey(): if (!pas->peer_tx) "Socket PSP state is not fully established"' },
    { ref: 'torvalds/linux:net/psp/psp_nl.c', quote: 'v7: check that 31 LSBs of the SPI are non-zero in psp_nl_parse_key()' },
  ]),
  r('PSP-TX-011', 'MUST', 'An rx rekey never frees or changes the TX key', [
    { ref: SOCK, quote: 'psp_sock_rx_rekey(): memcpy(&pas->tx, &prev->tx, ...); prev->flags |= PSP_ASSOC_SKIP_TX_KEY_DEL' },
  ]),
];
