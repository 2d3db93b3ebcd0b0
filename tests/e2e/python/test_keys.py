# azure-keyvault-keys against azemu's Key Vault (proxy mode), every result checked independently with
# `cryptography` on the public key from the vault's JWK: data encrypted or wrapped locally is decrypted or
# unwrapped by the vault, the vault's RSA and EC signatures verify locally. The SDK's CryptographyClient does
# public-key operations (encrypt, wrap, verify) locally when it holds the key; against the "noget" vault (no
# keys/get permission, sdk_vaults.py) it cannot fetch the key and sends them to the vault, which the audit log
# confirms; a key imported from a local private key lets the test undo the vault's own encryption and wrapping
# and verify its signatures with the key it made. Also key versions, update, delete (poller), recover and purge.
import hashlib
import os
import unittest

from azure.core.exceptions import HttpResponseError, ResourceNotFoundError
from azure.keyvault.keys import JsonWebKey, KeyClient
from azure.keyvault.keys.crypto import (CryptographyClient, EncryptionAlgorithm, KeyWrapAlgorithm,
                                        SignatureAlgorithm)
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import Prehashed, encode_dss_signature

import sdk_vaults
from sdk_common import KV_FAST, audit, credential, public_key

SHA = {256: hashes.SHA256, 384: hashes.SHA384, 512: hashes.SHA512}
# algorithm -> the same padding in `cryptography`
RSA_PADDING = {
    "RSA-OAEP": lambda: padding.OAEP(mgf=padding.MGF1(hashes.SHA1()), algorithm=hashes.SHA1(), label=None),
    "RSA-OAEP-256": lambda: padding.OAEP(mgf=padding.MGF1(hashes.SHA256()), algorithm=hashes.SHA256(), label=None),
    "RSA1_5": padding.PKCS1v15,
}


def digest_of(data, bits):
    return getattr(hashlib, f"sha{bits}")(data).digest()


def verify_rsa_locally(pub, alg, digest, signature):
    """Raises InvalidSignature unless `signature` is alg (RS*/PS*) over digest. Key Vault's PS* use a salt as long
    as the hash."""
    h = SHA[int(alg[2:])]()
    pad = padding.PKCS1v15() if alg.startswith("RS") else padding.PSS(mgf=padding.MGF1(h), salt_length=h.digest_size)
    pub.verify(signature, digest, pad, Prehashed(h))


def verify_ec_locally(pub, bits, digest, signature):
    """Key Vault's ECDSA signatures are r || s (JWS form); `cryptography` verifies DER."""
    half = len(signature) // 2
    der = encode_dss_signature(int.from_bytes(signature[:half], "big"), int.from_bytes(signature[half:], "big"))
    pub.verify(der, digest, ec.ECDSA(Prehashed(SHA[bits]())))


class KeysTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.cred = credential()
        cls.keys = KeyClient(sdk_vaults.vault("main").properties.vault_uri, cls.cred)

    def test_rsa_local_encrypt_and_wrap_vault_decrypts_and_unwraps(self):
        for size in (2048, 3072, 4096):
            key = self.keys.create_rsa_key(f"rsa{size}", size=size)
            self.assertEqual(key.key_type, "RSA")
            self.assertEqual(len(key.key.n), size // 8)
            self.assertEqual(key.key.e, b"\x01\x00\x01")
            self.assertTrue({"wrapKey", "unwrapKey", "encrypt", "decrypt"} <= set(key.key_operations))
            pub = public_key(key.key)
            cc = CryptographyClient(key, self.cred)
            for alg, pad in RSA_PADDING.items():
                with self.subTest(size=size, alg=alg):
                    secret = os.urandom(32)
                    local = pub.encrypt(secret, pad())
                    self.assertEqual(cc.decrypt(EncryptionAlgorithm(alg), local).plaintext, secret)
                    unwrapped = cc.unwrap_key(KeyWrapAlgorithm(alg), local)
                    self.assertEqual(unwrapped.key, secret)
                    self.assertEqual(unwrapped.key_id, key.id)
                    # The SDK wraps and encrypts locally with the key it holds; the vault undoes both.
                    wrapped = cc.wrap_key(KeyWrapAlgorithm(alg), secret)
                    self.assertEqual(len(wrapped.encrypted_key), size // 8)
                    self.assertEqual(cc.unwrap_key(KeyWrapAlgorithm(alg), wrapped.encrypted_key).key, secret)
                    encrypted = cc.encrypt(EncryptionAlgorithm(alg), secret)
                    self.assertEqual(cc.decrypt(EncryptionAlgorithm(alg), encrypted.ciphertext).plaintext, secret)

    def test_rsa_signatures_verify_locally(self):
        key = self.keys.create_rsa_key("rsasign", size=2048)
        pub = public_key(key.key)
        cc = CryptographyClient(key, self.cred)
        data = b"azemu signs this for the Python SDK"
        for alg in ("RS256", "RS384", "RS512", "PS256", "PS384", "PS512"):
            with self.subTest(alg=alg):
                digest = digest_of(data, int(alg[2:]))
                signed = cc.sign(SignatureAlgorithm(alg), digest)
                self.assertEqual(signed.algorithm, alg)
                self.assertEqual(len(signed.signature), 256)
                verify_rsa_locally(pub, alg, digest, signed.signature)
                self.assertTrue(cc.verify(SignatureAlgorithm(alg), digest, signed.signature).is_valid)
                tampered = bytes([signed.signature[0] ^ 1]) + signed.signature[1:]
                with self.assertRaises(InvalidSignature):
                    verify_rsa_locally(pub, alg, digest, tampered)

    def test_ec_signatures_verify_locally(self):
        for crv, alg, bits, size in (("P-256", "ES256", 256, 64), ("P-384", "ES384", 384, 96),
                                     ("P-521", "ES512", 512, 132), ("P-256K", "ES256K", 256, 64)):
            with self.subTest(curve=crv):
                key = self.keys.create_ec_key(f"ec{crv.replace('-', '')}", curve=crv)
                self.assertEqual(key.key_type, "EC")
                self.assertEqual(key.key.crv, crv)
                cc = CryptographyClient(key, self.cred)
                digest = digest_of(f"curve {crv}".encode(), bits)
                signed = cc.sign(SignatureAlgorithm(alg), digest)
                self.assertEqual(len(signed.signature), size)
                verify_ec_locally(public_key(key.key), bits, digest, signed.signature)
                self.assertTrue(cc.verify(SignatureAlgorithm(alg), digest, signed.signature).is_valid)

    def test_versions_update_delete_recover_purge(self):
        v1 = self.keys.create_rsa_key("lifecycle")
        v2 = self.keys.create_rsa_key("lifecycle", tags={"v": "2"})
        self.assertNotEqual(v1.properties.version, v2.properties.version)
        self.assertEqual(self.keys.get_key("lifecycle").properties.version, v2.properties.version)
        self.assertEqual(self.keys.get_key("lifecycle", v1.properties.version).key.n, v1.key.n)
        versions = {p.version for p in self.keys.list_properties_of_key_versions("lifecycle")}
        self.assertEqual(versions, {v1.properties.version, v2.properties.version})
        self.assertIn("lifecycle", [p.name for p in self.keys.list_properties_of_keys()])

        updated = self.keys.update_key_properties("lifecycle", v1.properties.version, enabled=False, tags={"a": "b"})
        self.assertFalse(updated.properties.enabled)
        self.assertEqual(updated.properties.tags, {"a": "b"})
        with self.assertRaises(HttpResponseError) as caught:
            CryptographyClient(updated.id, self.cred).sign(SignatureAlgorithm.rs256, digest_of(b"x", 256))
        self.assertEqual(caught.exception.status_code, 403)  # Forbidden: the version is disabled
        self.assertEqual(caught.exception.error.code, "Forbidden")

        deleted = self.keys.begin_delete_key("lifecycle", **KV_FAST).result()
        self.assertEqual(deleted.name, "lifecycle")
        self.assertIsNotNone(deleted.recovery_id)
        self.assertIsNotNone(deleted.scheduled_purge_date)
        with self.assertRaises(ResourceNotFoundError):
            self.keys.get_key("lifecycle")
        self.assertEqual(self.keys.get_deleted_key("lifecycle").properties.version, v2.properties.version)
        self.assertIn("lifecycle", [k.name for k in self.keys.list_deleted_keys()])

        recovered = self.keys.begin_recover_deleted_key("lifecycle", **KV_FAST).result()
        self.assertEqual(recovered.properties.version, v2.properties.version)
        self.assertEqual(self.keys.get_key("lifecycle").key.n, v2.key.n)

        self.keys.begin_delete_key("lifecycle", **KV_FAST).wait()
        self.keys.purge_deleted_key("lifecycle")
        with self.assertRaises(ResourceNotFoundError):
            self.keys.get_deleted_key("lifecycle")


class RemoteCryptoTest(unittest.TestCase):
    """Without keys/get the SDK cannot hold the key: every operation, public-key ones included, is the vault's."""

    @classmethod
    def setUpClass(cls):
        cls.cred = credential()
        cls.vault = sdk_vaults.vault_name("noget")
        cls.keys = KeyClient(sdk_vaults.vault("noget").properties.vault_uri, cls.cred)

    def test_get_is_forbidden(self):
        self.keys.create_rsa_key("probe")
        with self.assertRaises(HttpResponseError) as caught:
            self.keys.get_key("probe")
        self.assertEqual(caught.exception.status_code, 403)
        self.assertEqual(caught.exception.error.code, "Forbidden")
        self.assertIn("get", caught.exception.message)

    def test_vault_wraps_encrypts_signs_and_verifies(self):
        key = self.keys.create_rsa_key("remote", size=2048)  # create's reply carries the public JWK
        pub = public_key(key.key)
        cc = CryptographyClient(key.id, self.cred)  # an id, not the key: the SDK must GET it and is refused
        before = audit(self.vault)
        for alg, pad in RSA_PADDING.items():
            with self.subTest(alg=alg):
                secret = os.urandom(32)
                wrapped = cc.wrap_key(KeyWrapAlgorithm(alg), secret)
                self.assertEqual(wrapped.key_id, key.id)
                self.assertEqual(wrapped.algorithm, alg)
                self.assertEqual(len(wrapped.encrypted_key), 256)
                self.assertEqual(cc.unwrap_key(KeyWrapAlgorithm(alg), wrapped.encrypted_key).key, secret)
                self.assertEqual(cc.unwrap_key(KeyWrapAlgorithm(alg), pub.encrypt(secret, pad())).key, secret)
                encrypted = cc.encrypt(EncryptionAlgorithm(alg), secret)
                self.assertEqual(len(encrypted.ciphertext), 256)
                self.assertEqual(cc.decrypt(EncryptionAlgorithm(alg), encrypted.ciphertext).plaintext, secret)
        digest = digest_of(b"signed remotely", 256)
        signature = cc.sign(SignatureAlgorithm.ps256, digest).signature
        verify_rsa_locally(pub, "PS256", digest, signature)
        self.assertTrue(cc.verify(SignatureAlgorithm.ps256, digest, signature).is_valid)
        tampered = bytes([signature[0] ^ 1]) + signature[1:]
        self.assertFalse(cc.verify(SignatureAlgorithm.ps256, digest, tampered).is_valid)

        ops = audit(self.vault)[len(before):]
        self.assertIn(("KeyGet", 403), ops)
        for op, count in (("KeyWrap", 3), ("KeyUnwrap", 6), ("KeyEncrypt", 3), ("KeyDecrypt", 3), ("KeySign", 1),
                          ("KeyVerify", 2)):
            self.assertEqual(ops.count((op, 200)), count, f"{op} in {ops}")

    def test_imported_key_vault_results_undone_locally(self):
        private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        numbers = private.private_numbers()
        raw = lambda i: i.to_bytes((i.bit_length() + 7) // 8, "big")  # noqa: E731
        jwk = JsonWebKey(kty="RSA", n=raw(numbers.public_numbers.n), e=raw(numbers.public_numbers.e), d=raw(numbers.d),
                         p=raw(numbers.p), q=raw(numbers.q), dp=raw(numbers.dmp1), dq=raw(numbers.dmq1),
                         qi=raw(numbers.iqmp), key_ops=["wrapKey", "unwrapKey", "encrypt", "decrypt", "sign", "verify"])
        imported = self.keys.import_key("imported", jwk)
        self.assertEqual(imported.key.n, jwk.n)
        self.assertIsNone(imported.key.d)  # the private part never comes back
        cc = CryptographyClient(imported.id, self.cred)
        for alg, pad in RSA_PADDING.items():
            with self.subTest(alg=alg):
                secret = os.urandom(32)
                wrapped = cc.wrap_key(KeyWrapAlgorithm(alg), secret).encrypted_key
                self.assertEqual(private.decrypt(wrapped, pad()), secret)
                encrypted = cc.encrypt(EncryptionAlgorithm(alg), secret).ciphertext
                self.assertEqual(private.decrypt(encrypted, pad()), secret)
        digest = digest_of(b"imported", 384)
        verify_rsa_locally(private.public_key(), "RS384", digest, cc.sign(SignatureAlgorithm.rs384, digest).signature)


if __name__ == "__main__":
    unittest.main()
