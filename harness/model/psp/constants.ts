// PSP wire constants (google/psp src/psp.h; PSP Architecture Specification).
export const PSP_UDP_PORT = 1000;
export const BASE_HDR_LEN = 16;
export const ICV_LEN = 16;
export const VC_LEN = 8;
/** hdr_ext_len counts 8-byte units, and 1 means no extension (PSP_HDR_EXT_LEN_MIN). */
export const EXT_UNIT = 8;
/** crypt_off counts 4-byte units in bits 0-5; bits 6-7 are reserved. */
export const CRYPT_UNIT = 4;
export const CRYPT_OFF_MASK = 0x3f;
export const MAX_CRYPT_OFF = CRYPT_OFF_MASK;
export const SPI_KEY_SELECTOR = 0x80000000;
export const IP_PROTO_IPV4 = 4;
export const IP_PROTO_IPV6 = 41;
export const IP_PROTO_TCP = 6;
export const IP_PROTO_UDP = 17;
/** Largest L3 packet the reference builds: jumbo Ethernet 9014 minus the 14-byte Ethernet header. */
export const MAX_L3_LEN = 9000;

export type PspVersion = 0 | 1 | 2 | 3;
export const VERSIONS: readonly PspVersion[] = [0, 1, 2, 3];

/** Versions 0..3 = AES-GCM-128, AES-GCM-256, AES-GMAC-128, AES-GMAC-256. */
export const keyLen = (v: PspVersion) => (v === 0 || v === 2 ? 16 : 32);
/** GMAC versions authenticate the payload without encrypting it. */
export const isGmac = (v: PspVersion) => v >= 2;
export const isVersion = (v: number): v is PspVersion => v === 0 || v === 1 || v === 2 || v === 3;
