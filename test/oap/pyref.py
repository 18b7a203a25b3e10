# Independent reference for the OAP tests: pyca/cryptography (its own OpenSSL build) answers
# ML-KEM, ML-DSA, X25519 and HKDF questions the harness's noble code also answers.
# Reads a JSON list of jobs on stdin, writes a JSON list of answers (null if unsupported).
import json
import sys

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import mldsa, mlkem, x25519
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

MLKEM = {"ML-KEM-768": getattr(mlkem, "MLKEM768PrivateKey", None), "ML-KEM-1024": getattr(mlkem, "MLKEM1024PrivateKey", None)}
MLDSA = {"ml-dsa-44": mldsa.MLDSA44PrivateKey, "ml-dsa-65": mldsa.MLDSA65PrivateKey, "ml-dsa-87": mldsa.MLDSA87PrivateKey}
SPKI = (serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
RAW = (serialization.Encoding.Raw, serialization.PublicFormat.Raw)
h = bytes.fromhex


def run(job):
    op = job["op"]
    if op == "mlkem":
        cls = MLKEM.get(job["alg"])
        if cls is None:
            return None
        k = cls.from_seed_bytes(h(job["seed"]))
        return {"spki": k.public_key().public_bytes(*SPKI).hex(), "raw": k.public_key().public_bytes(*RAW).hex(), "ss": k.decapsulate(h(job["ct"])).hex()}
    if op == "mldsa":
        k = MLDSA[job["alg"]].from_seed_bytes(h(job["seed"]))
        pub = k.public_key()
        try:
            pub.verify(h(job["sig"]), h(job["msg"]))
            ok = True
        except Exception:
            ok = False
        return {"pub": pub.public_bytes(*RAW).hex(), "verifies": ok}
    if op == "x25519":
        k = x25519.X25519PrivateKey.from_private_bytes(h(job["secret"]))
        return {"pub": k.public_key().public_bytes(*RAW).hex(), "ss": k.exchange(x25519.X25519PublicKey.from_public_bytes(h(job["peer"]))).hex()}
    if op == "hkdf":
        algo = getattr(hashes, job["hash"])()
        return {"okm": HKDF(algorithm=algo, length=job["len"], salt=h(job["salt"]), info=h(job["info"])).derive(h(job["ikm"])).hex()}
    if op == "mldsa_cert":
        from cryptography import x509
        issuer = x509.load_der_x509_certificate(h(job["issuer"]))
        cert = x509.load_der_x509_certificate(h(job["cert"]))
        try:
            issuer.public_key().verify(cert.signature, cert.tbs_certificate_bytes)
            ok = True
        except Exception:
            ok = False
        return {"verifies": ok, "subject": cert.subject.rfc4514_string()}
    raise ValueError(op)


def with_hkdf(job):
    """A job may ask for HKDF over the secret it produced (key = HKDF(hash, ss, salt, info))."""
    out = run(job)
    k = job.get("hkdf")
    if out is not None and k:
        out["okm"] = run({"op": "hkdf", "ikm": out["ss"], "len": 32, **k})["okm"]
    return out


print(json.dumps([with_hkdf(j) for j in json.load(sys.stdin)]))
