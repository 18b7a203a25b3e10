/* The primitives the ops need, from OpenSSL 3 libcrypto. Each returns 0 on success
 * and -1 on a library failure (answered as INTERNAL), except aes_gcm_open. */
#ifndef REKEY_SHIM_CRYPTO_H
#define REKEY_SHIM_CRYPTO_H

#include <stddef.h>
#include <stdint.h>

#define GCM_NONCE_LEN 12
#define GCM_TAG_LEN 16

/* Fetch the algorithms once (crypto_init) and release them at exit (crypto_done). */
int crypto_init(void);
void crypto_done(void);

/* HKDF-Expand-SHA256 (RFC 5869 section 2.3): out = T(1) || T(2) ... cut to outlen. */
int hkdf_expand_sha256(const uint8_t *prk, size_t prklen, const uint8_t *info, size_t infolen,
                       uint8_t *out, size_t outlen);

/* AES-GCM with a 12-byte nonce; the key length (16 or 32) picks AES-128 or AES-256.
 * seal writes ptlen bytes of ciphertext then the 16-byte tag to `out`. */
int aes_gcm_seal(const uint8_t *key, size_t keylen, const uint8_t *nonce, const uint8_t *aad, size_t aadlen,
                 const uint8_t *pt, size_t ptlen, uint8_t *out);
/* `in` is ciphertext || tag (inlen >= 16); writes inlen - 16 bytes of plaintext.
 * 1: authentic, 0: the tag does not match, -1: library failure. */
int aes_gcm_open(const uint8_t *key, size_t keylen, const uint8_t *nonce, const uint8_t *aad, size_t aadlen,
                 const uint8_t *in, size_t inlen, uint8_t *pt);

/* AES-256-CMAC (NIST SP 800-38B) of msg: 16 bytes. */
int aes256_cmac(const uint8_t key[32], const uint8_t *msg, size_t len, uint8_t out[16]);

#endif
