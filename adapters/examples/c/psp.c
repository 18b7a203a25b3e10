/* PSP. Facts: DESIGN.md section 3 "PSP", from google/psp src/psp.h (header layout),
 * src/psp_encrypt.c (key derivation, what is encrypted), src/psp_decrypt.c (check order). */
#include "psp.h"

#include <openssl/crypto.h>
#include <stdlib.h>
#include <string.h>

#include "crypto.h"

#define MASTER_KEY_LEN 32
#define HDR_LEN 16
#define ICV_LEN 16
#define VC_LEN 8
#define EXT_UNIT 8   /* hdr_ext_len counts 8-byte units; 1 = no extension */
#define CRYPT_UNIT 4 /* crypt_off counts 4-byte units in bits 0-5 */
#define MAX_CRYPT_OFF 0x3f

/* Versions 0..3 = AES-GCM-128, AES-GCM-256, AES-GMAC-128, AES-GMAC-256. */
static size_t key_len(int version)
{
    return version == 0 || version == 2 ? 16 : 32;
}

static int is_gmac(int version)
{
    return version >= 2;
}

static uint32_t be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void put_be32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> (24 - 8 * i));
}

/* AES-256-CMAC in SP800-108 counter mode under the master key SPI bit 31 selects;
 * block = counter u32 | 'P' 'v' 0x30+version 0x00 | SPI u32 | key bits u32. */
static int derive(const uint8_t keys[2][MASTER_KEY_LEN], uint32_t spi, int version, uint8_t *out)
{
    const uint8_t *mk = keys[spi >> 31];
    size_t blocks = key_len(version) / 16;
    for (size_t c = 1; c <= blocks; c++) {
        uint8_t block[16];
        put_be32(block, (uint32_t)c);
        block[4] = 'P';
        block[5] = 'v';
        block[6] = (uint8_t)(0x30 + version);
        block[7] = 0;
        put_be32(block + 8, spi);
        put_be32(block + 12, (uint32_t)key_len(version) * 8);
        if (aes256_cmac(mk, block, sizeof block, out + 16 * (c - 1)) < 0)
            return -1;
    }
    return 0;
}

static int master_keys_arg(json_t *args, uint8_t keys[2][MASTER_KEY_LEN], struct err *e)
{
    return arg_hex_fixed(args, "key0", keys[0], MASTER_KEY_LEN, e) < 0 || arg_hex_fixed(args, "key1", keys[1], MASTER_KEY_LEN, e) < 0
               ? -1
               : 0;
}

static json_t *invalid(const char *reason)
{
    return json_pack("{s:b,s:s}", "valid", 0, "reason", reason);
}

json_t *op_psp_derive(json_t *args, struct err *e)
{
    uint8_t keys[2][MASTER_KEY_LEN], spi[4], out[32];
    int64_t version;
    json_t *r = NULL;
    if (master_keys_arg(args, keys, e) == 0 && arg_hex_fixed(args, "spi", spi, 4, e) == 0 &&
        arg_int(args, "version", 0, 3, &version, e) == 0) {
        if (derive(keys, be32(spi), (int)version, out) < 0)
            fail(e, "INTERNAL", "CMAC failed");
        else
            r = json_pack("{s:o}", "key", json_hex(out, key_len((int)version)));
    }
    OPENSSL_cleanse(keys, sizeof keys);
    OPENSSL_cleanse(out, sizeof out);
    return r;
}

/* Header + optional cookie + payload + ICV. AAD = header and the first crypt_off x 4
 * bytes after it (everything before the ICV for GMAC); the rest is encrypted. */
json_t *op_psp_encrypt(json_t *args, struct err *e)
{
    uint8_t keys[2][MASTER_KEY_LEN], hdr[HDR_LEN], vc[VC_LEN], key[32];
    int64_t version, crypt_off, next_hdr;
    int s, d, has_vc = json_object_get(args, "vc") != NULL;
    struct buf payload = {0};
    json_t *r = NULL;
    uint8_t *pkt = NULL;
    if (master_keys_arg(args, keys, e) < 0 || arg_hex_fixed(args, "spi", hdr + 4, 4, e) < 0 ||
        arg_hex_fixed(args, "iv", hdr + 8, 8, e) < 0 || arg_int(args, "version", 0, 3, &version, e) < 0 ||
        arg_int(args, "cryptOffset", 0, MAX_CRYPT_OFF, &crypt_off, e) < 0 || arg_bool_opt(args, "s", &s, e) < 0 ||
        arg_bool_opt(args, "d", &d, e) < 0 || (has_vc && arg_hex_fixed(args, "vc", vc, VC_LEN, e) < 0) ||
        arg_int(args, "nextHeader", 0, 255, &next_hdr, e) < 0 || arg_hex(args, "payload", ANY_LEN, &payload, e) < 0)
        goto out;
    size_t crypt = (size_t)crypt_off * CRYPT_UNIT;
    /* As the reference: an offset past the payload (cookie not counted) is refused. */
    if (crypt > payload.n) {
        r = invalid("CRYPT_OFFSET_PAST_PAYLOAD");
        goto out;
    }
    hdr[0] = (uint8_t)next_hdr;
    hdr[1] = (uint8_t)(1 + (has_vc ? VC_LEN / EXT_UNIT : 0));
    hdr[2] = (uint8_t)crypt_off;
    hdr[3] = (uint8_t)((s ? 0x80 : 0) | (d ? 0x40 : 0) | version << 2 | (has_vc ? 0x02 : 0) | 0x01);
    size_t body = (has_vc ? VC_LEN : 0) + payload.n, len = HDR_LEN + body + ICV_LEN;
    pkt = malloc(len);
    if (!pkt) {
        fail(e, "INTERNAL", "out of memory");
        goto out;
    }
    memcpy(pkt, hdr, HDR_LEN);
    if (has_vc)
        memcpy(pkt + HDR_LEN, vc, VC_LEN);
    memcpy(pkt + HDR_LEN + (has_vc ? VC_LEN : 0), payload.p, payload.n);
    size_t clear = HDR_LEN + (is_gmac((int)version) ? body : crypt);
    /* GCM nonce = SPI || IV: the header's last 12 bytes. Sealing in place is allowed. */
    if (derive(keys, be32(hdr + 4), (int)version, key) < 0 ||
        aes_gcm_seal(key, key_len((int)version), hdr + 4, pkt, clear, pkt + clear, len - ICV_LEN - clear, pkt + clear) < 0)
        fail(e, "INTERNAL", "sealing failed");
    else
        r = json_pack("{s:b,s:o}", "valid", 1, "packet", json_hex(pkt, len));
out:
    OPENSSL_cleanse(keys, sizeof keys);
    OPENSSL_cleanse(key, sizeof key);
    free(pkt);
    buf_free(&payload);
    return r;
}

/* Structural checks before any key is touched, in google/psp src/psp_decrypt.c order. */
static const char *check(const uint8_t *p, size_t len)
{
    if (len < HDR_LEN + ICV_LEN)
        return "TRUNCATED";
    size_t payload = len - HDR_LEN - ICV_LEN;
    int v = (p[3] & 0x02) != 0;
    if (p[1] < 1 || (v && p[1] < 1 + VC_LEN / EXT_UNIT))
        return "HDR_EXT_LEN_TOO_SMALL";
    if ((size_t)(p[1] - 1) * EXT_UNIT > payload)
        return "TRUNCATED";
    if ((size_t)(p[2] & MAX_CRYPT_OFF) * CRYPT_UNIT > payload)
        return "CRYPT_OFFSET_PAST_PAYLOAD";
    if (((p[3] >> 2) & 0x0f) > 3)
        return "UNKNOWN_VERSION";
    if (!(p[3] & 0x01))
        return "ALWAYS_ONE_CLEAR";
    return NULL;
}

json_t *op_psp_decrypt(json_t *args, struct err *e)
{
    uint8_t keys[2][MASTER_KEY_LEN], key[32];
    struct buf pkt = {0};
    uint8_t *body = NULL;
    json_t *r = NULL;
    if (master_keys_arg(args, keys, e) < 0 || arg_hex(args, "packet", ANY_LEN, &pkt, e) < 0)
        goto out;
    const uint8_t *p = pkt.p;
    const char *reason = check(p, pkt.n);
    if (reason) {
        r = invalid(reason);
        goto out;
    }
    int version = (p[3] >> 2) & 0x0f, v = (p[3] & 0x02) != 0;
    size_t end = pkt.n - ICV_LEN, ext_len = (size_t)(p[1] - 1) * EXT_UNIT;
    size_t clear_end = is_gmac(version) ? end : HDR_LEN + (size_t)(p[2] & MAX_CRYPT_OFF) * CRYPT_UNIT;
    /* body = everything after the base header, decrypted: clear part || plaintext. */
    body = malloc(end - HDR_LEN + 1);
    if (!body || derive(keys, be32(p + 4), version, key) < 0) {
        fail(e, "INTERNAL", "key derivation failed");
        goto out;
    }
    memcpy(body, p + HDR_LEN, clear_end - HDR_LEN);
    int ok = aes_gcm_open(key, key_len(version), p + 4, p, clear_end, p + clear_end, pkt.n - clear_end, body + clear_end - HDR_LEN);
    if (ok < 0) {
        fail(e, "INTERNAL", "opening failed");
        goto out;
    }
    if (ok == 0) {
        r = invalid("ICV_MISMATCH");
        goto out;
    }
    r = json_pack("{s:b,s:i,s:i,s:o,s:o,s:b,s:b,s:b,s:i,s:i,s:o,s:o}", "valid", 1, "nextHeader", p[0], "version", version,
                  "spi", json_hex(p + 4, 4), "iv", json_hex(p + 8, 8), "s", (p[3] & 0x80) != 0, "d", (p[3] & 0x40) != 0, "v", v,
                  "cryptOffset", p[2] & MAX_CRYPT_OFF, "reserved", p[2] >> 6, "ext", json_hex(body, ext_len), "payload",
                  json_hex(body + ext_len, end - HDR_LEN - ext_len));
    if (r && v && json_object_set_new(r, "vc", json_hex(body, VC_LEN)) < 0) {
        json_decref(r);
        r = NULL;
    }
out:
    OPENSSL_cleanse(keys, sizeof keys);
    OPENSSL_cleanse(key, sizeof key);
    free(body);
    buf_free(&pkt);
    return r;
}
