/* OpenSSL 3 providers behind three small functions: HKDF through EVP_KDF, AES-CMAC
 * through EVP_MAC, AES-GCM through EVP_CIPHER. */
#include "crypto.h"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/params.h>

static EVP_KDF *hkdf;
static EVP_MAC *cmac;
static EVP_CIPHER *gcm128, *gcm256;

int crypto_init(void)
{
    hkdf = EVP_KDF_fetch(NULL, "HKDF", NULL);
    cmac = EVP_MAC_fetch(NULL, "CMAC", NULL);
    gcm128 = EVP_CIPHER_fetch(NULL, "AES-128-GCM", NULL);
    gcm256 = EVP_CIPHER_fetch(NULL, "AES-256-GCM", NULL);
    return hkdf && cmac && gcm128 && gcm256 ? 0 : -1;
}

void crypto_done(void)
{
    EVP_KDF_free(hkdf);
    EVP_MAC_free(cmac);
    EVP_CIPHER_free(gcm128);
    EVP_CIPHER_free(gcm256);
}

int hkdf_expand_sha256(const uint8_t *prk, size_t prklen, const uint8_t *info, size_t infolen,
                       uint8_t *out, size_t outlen)
{
    int mode = EVP_KDF_HKDF_MODE_EXPAND_ONLY;
    OSSL_PARAM params[] = {
        OSSL_PARAM_construct_int(OSSL_KDF_PARAM_MODE, &mode),
        OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, "SHA256", 0),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, (void *)prk, prklen),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, (void *)info, infolen),
        OSSL_PARAM_construct_end(),
    };
    EVP_KDF_CTX *ctx = EVP_KDF_CTX_new(hkdf);
    int ok = ctx && EVP_KDF_derive(ctx, out, outlen, params) == 1;
    EVP_KDF_CTX_free(ctx);
    return ok ? 0 : -1;
}

static const EVP_CIPHER *gcm_for(size_t keylen)
{
    return keylen == 16 ? gcm128 : keylen == 32 ? gcm256 : NULL;
}

int aes_gcm_seal(const uint8_t *key, size_t keylen, const uint8_t *nonce, const uint8_t *aad, size_t aadlen,
                 const uint8_t *pt, size_t ptlen, uint8_t *out)
{
    const EVP_CIPHER *c = gcm_for(keylen);
    EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
    int len, ok = c && ctx && EVP_EncryptInit_ex2(ctx, c, key, nonce, NULL) == 1;
    /* Zero-length updates are skipped: a NULL buffer for an empty input is not portable. */
    if (ok && aadlen)
        ok = EVP_EncryptUpdate(ctx, NULL, &len, aad, (int)aadlen) == 1;
    if (ok && ptlen)
        ok = EVP_EncryptUpdate(ctx, out, &len, pt, (int)ptlen) == 1;
    ok = ok && EVP_EncryptFinal_ex(ctx, out + ptlen, &len) == 1;
    ok = ok && EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_GET_TAG, GCM_TAG_LEN, out + ptlen) == 1;
    EVP_CIPHER_CTX_free(ctx);
    return ok ? 0 : -1;
}

int aes_gcm_open(const uint8_t *key, size_t keylen, const uint8_t *nonce, const uint8_t *aad, size_t aadlen,
                 const uint8_t *in, size_t inlen, uint8_t *pt)
{
    const EVP_CIPHER *c = gcm_for(keylen);
    size_t ctlen = inlen - GCM_TAG_LEN;
    EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
    int len, ok = c && ctx && inlen >= GCM_TAG_LEN && EVP_DecryptInit_ex2(ctx, c, key, nonce, NULL) == 1;
    if (ok && aadlen)
        ok = EVP_DecryptUpdate(ctx, NULL, &len, aad, (int)aadlen) == 1;
    if (ok && ctlen)
        ok = EVP_DecryptUpdate(ctx, pt, &len, in, (int)ctlen) == 1;
    ok = ok && EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_TAG, GCM_TAG_LEN, (void *)(in + ctlen)) == 1;
    /* Only the final call checks the tag: its failure means "not authentic". */
    int r = ok ? (EVP_DecryptFinal_ex(ctx, pt + ctlen, &len) == 1 ? 1 : 0) : -1;
    EVP_CIPHER_CTX_free(ctx);
    return r;
}

int aes256_cmac(const uint8_t key[32], const uint8_t *msg, size_t len, uint8_t out[16])
{
    OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_CIPHER, "AES-256-CBC", 0),
        OSSL_PARAM_construct_end(),
    };
    size_t outlen = 0;
    EVP_MAC_CTX *ctx = EVP_MAC_CTX_new(cmac);
    int ok = ctx && EVP_MAC_init(ctx, key, 32, params) == 1 && EVP_MAC_update(ctx, msg, len) == 1 &&
             EVP_MAC_final(ctx, out, &outlen, 16) == 1 && outlen == 16;
    EVP_MAC_CTX_free(ctx);
    return ok ? 0 : -1;
}
