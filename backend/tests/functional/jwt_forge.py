"""Forged JSON Web Tokens for the authentication tests: an RSA signing key with its JWKS, tokens signed
from arbitrary header and payload text, and the attack catalogue every protected route must reject."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from dataclasses import dataclass
from typing import Callable

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from conftest import register_token

POOL_ID = "us-east-1_HubTestPool1"
OTHER_POOL_ID = "us-east-1_OtherPool9"
ISSUER = f"https://cognito-idp.us-east-1.amazonaws.com/{POOL_ID}"
CLIENT_ID = "hubtestclient1"
OTHER_CLIENT_ID = "otherclient2"
KID = "hub-test-key-1"


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def b64url_int(value: int) -> str:
    return b64url(value.to_bytes((value.bit_length() + 7) // 8, "big"))


def text(value: dict | str) -> str:
    return value if isinstance(value, str) else json.dumps(value, separators=(",", ":"))


@dataclass
class SigningKey:
    private: rsa.RSAPrivateKey
    kid: str

    @staticmethod
    def generate(kid: str) -> "SigningKey":
        return SigningKey(rsa.generate_private_key(public_exponent=65537, key_size=2048), kid)

    def jwk(self) -> dict:
        numbers = self.private.public_key().public_numbers()
        return {"kty": "RSA", "kid": self.kid, "alg": "RS256", "use": "sig",
                "n": b64url_int(numbers.n), "e": b64url_int(numbers.e)}

    def jwks(self) -> dict:
        return {"keys": [self.jwk()]}

    def public_pem(self) -> bytes:
        return self.private.public_key().public_bytes(serialization.Encoding.PEM,
                                                      serialization.PublicFormat.SubjectPublicKeyInfo)

    def public_der(self) -> bytes:
        return self.private.public_key().public_bytes(serialization.Encoding.DER,
                                                      serialization.PublicFormat.SubjectPublicKeyInfo)

    def sign(self, signing_input: bytes) -> bytes:
        return self.private.sign(signing_input, padding.PKCS1v15(), hashes.SHA256())


def compact(header: dict | str, payload: dict | str, signature: Callable[[bytes], bytes] | bytes) -> str:
    signing_input = f"{b64url(text(header).encode())}.{b64url(text(payload).encode())}".encode()
    sig = signature(signing_input) if callable(signature) else signature
    return register_token(f"{signing_input.decode()}.{b64url(sig)}")  # AC-052: searched for in the logs


def claims(kind: str = "id", now: int | None = None, **overrides) -> dict:
    """Claims as Cognito writes them for a user of the test pool."""
    now = int(time.time()) if now is None else now
    base = {"sub": "0b5e8f3c-1d2a-4c6b-9e7f-5a4b3c2d1e0f", "iss": ISSUER, "token_use": kind,
            "iat": now, "auth_time": now, "exp": now + 3600, "jti": "5f1c2a3b-0000-4000-8000-000000000001"}
    if kind == "id":
        base |= {"aud": CLIENT_ID, "cognito:username": "amina", "email": "amina@example.org"}
    else:
        base |= {"client_id": CLIENT_ID, "username": "amina", "scope": "aws.cognito.signin.user.admin"}
    base.update(overrides)
    return {k: v for k, v in base.items() if v is not _DROP}


_DROP = object()


def drop() -> object:
    """A claim override that removes the claim."""
    return _DROP


def header(**overrides) -> dict:
    base = {"kid": KID, "alg": "RS256"}
    base.update(overrides)
    return {k: v for k, v in base.items() if v is not _DROP}


def good_token(key: SigningKey, kind: str = "id", **claim_overrides) -> str:
    return compact(header(kid=key.kid), claims(kind, **claim_overrides), key.sign)


ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


def non_canonical(part: str) -> str:
    """The same bytes spelled with non-zero unused bits in the last character, which lenient
    decoders accept and a strict one refuses."""
    if len(part) % 4 == 0:
        raise ValueError("a part whose length is a multiple of 4 has no unused bits")
    last = ALPHABET.index(part[-1])
    return part[:-1] + ALPHABET[last | 1]


def signed_as_spelled(key: SigningKey, header_part: str, payload_part: str) -> str:
    """A token whose parts are taken as spelled (not re-encoded) and correctly signed."""
    signing_input = f"{header_part}.{payload_part}".encode()
    return register_token(f"{header_part}.{payload_part}.{b64url(key.sign(signing_input))}")


def unpadded_length(key: SigningKey) -> str:
    """An encoded payload whose length is not a multiple of 4 (so its last character has unused bits)."""
    for extra in range(4):
        part = b64url(text(claims(jti="j" * (8 + extra))).encode())
        if len(part) % 4:
            return part
    raise AssertionError("unreachable: four consecutive lengths cover every remainder")


def hs256(secret: bytes) -> Callable[[bytes], bytes]:
    return lambda signing_input: hmac.new(secret, signing_input, hashlib.sha256).digest()


def attack_catalogue(key: SigningKey, attacker: SigningKey, canary_url: str) -> list[tuple[str, str]]:
    """(name, token) pairs; every one must be refused. `key` is the pool's key, `attacker` one the
    verifier must never trust, `canary_url` a server that must never be asked for anything."""
    sign = key.sign
    good = good_token(key)
    h, p, s = good.split(".")
    now = int(time.time())
    attacker_header = {"kid": attacker.kid, "alg": "RS256"}
    duplicate_sub = text(claims())[:-1] + ',"sub":"someone-else"}'
    duplicate_exp = text(claims())[:-1] + f',"exp":{now + 999999}' + "}"
    cases: list[tuple[str, str]] = [
        # The algorithm comes from configuration, never from the token.
        ("alg none, no signature", compact(header(alg="none"), claims(), b"")),
        ("alg None, no signature", compact(header(alg="None"), claims(), b"")),
        ("alg none with the real signature", f"{b64url(text(header(alg='none')).encode())}.{p}.{s}"),
        ("HS256 keyed with the public key PEM", compact(header(alg="HS256"), claims(), hs256(key.public_pem()))),
        ("HS256 keyed with the public key DER", compact(header(alg="HS256"), claims(), hs256(key.public_der()))),
        ("HS256 keyed with the JWK JSON", compact(header(alg="HS256"), claims(),
                                                  hs256(json.dumps(key.jwk()).encode()))),
        ("RS512 not on the allow-list", compact(header(alg="RS512"), claims(),
                                                lambda i: key.private.sign(i, padding.PKCS1v15(), hashes.SHA512()))),
        ("PS256 not on the allow-list", compact(header(alg="PS256"), claims(), sign)),
        ("alg missing", compact(header(alg=drop()), claims(), sign)),
        # Signatures.
        ("signature stripped", f"{h}.{p}."),
        ("signature part missing", f"{h}.{p}"),
        ("signature of another key", compact(header(), claims(), attacker.sign)),
        ("payload tampered after signing", f"{h}.{b64url(text(claims(sub='admin-user')).encode())}.{s}"),
        ("header tampered after signing", f"{b64url(text(header(typ='JWT')).encode())}.{p}.{s}"),
        ("ECDSA-style all-zero signature", compact(header(), claims(), bytes(64))),
        ("all-zero signature of the right length", compact(header(), claims(), bytes(256))),
        # Key ids.
        ("kid missing", compact(header(kid=drop()), claims(), sign)),
        ("kid unknown", compact(header(kid="no-such-key"), claims(), sign)),
        ("kid a number", compact(header(kid=1), claims(), sign)),
        ("kid null", compact(header(kid=None), claims(), sign)),
        ("kid path traversal", compact(header(kid="../../../../etc/passwd"), claims(), sign)),
        ("kid of 10 KB", compact(header(kid="k" * 10240), claims(), sign)),
        # Keys offered by the token itself are never used and never fetched.
        ("jku at an attacker key set", compact(attacker_header | {"jku": f"{canary_url}/jwks.json"}, claims(),
                                               attacker.sign)),
        ("x5u at an attacker certificate", compact(attacker_header | {"x5u": f"{canary_url}/cert.pem"}, claims(),
                                                   attacker.sign)),
        ("jwk embedding an attacker key", compact(attacker_header | {"jwk": attacker.jwk()}, claims(),
                                                  attacker.sign)),
        ("jku beside the real key id", compact(header(jku=f"{canary_url}/jwks.json"), claims(), sign)),
        ("crit extension", compact(header(crit=["exp"]), claims(), sign)),
        # Issuer, audience, token use.
        ("issuer of another pool", good_token(key, iss=f"https://cognito-idp.us-east-1.amazonaws.com/{OTHER_POOL_ID}")),
        ("issuer with a trailing slash", good_token(key, iss=ISSUER + "/")),
        ("issuer over http", good_token(key, iss=ISSUER.replace("https://", "http://"))),
        ("issuer missing", good_token(key, iss=drop())),
        ("ID token of another client", good_token(key, aud=OTHER_CLIENT_ID)),
        ("access token of another client", good_token(key, "access", client_id=OTHER_CLIENT_ID)),
        ("ID token with aud as an array", good_token(key, aud=[CLIENT_ID])),
        ("ID token without aud", good_token(key, aud=drop())),
        ("token_use ID", good_token(key, token_use="ID")),
        ("token_use Access", good_token(key, "access", token_use="Access")),
        ("token_use as an array", good_token(key, token_use=["id"])),
        ("token_use refresh", good_token(key, token_use="refresh")),
        ("token_use missing", good_token(key, token_use=drop())),
        # Time.
        ("expired", good_token(key, iat=now - 7200, auth_time=now - 7200, exp=now - 3600)),
        ("not yet valid", good_token(key, nbf=now + 3600)),
        ("issued in the future", good_token(key, iat=now + 3600)),
        ("exp as a string", good_token(key, exp=str(now + 3600))),
        ("exp 1e309", compact(header(), text(claims(exp=0)).replace('"exp":0', '"exp":1e309'), sign)),
        ("exp 1e20", compact(header(), text(claims(exp=0)).replace('"exp":0', '"exp":1e20'), sign)),
        ("exp negative", good_token(key, exp=-1)),
        ("exp missing", good_token(key, exp=drop())),
        ("exp null", good_token(key, exp=None)),
        # Subject.
        ("sub missing", good_token(key, sub=drop())),
        ("sub empty", good_token(key, sub="")),
        ("sub a number", good_token(key, sub=42)),
        # Duplicates and structure.
        ("duplicate sub claim", compact(header(), duplicate_sub, sign)),
        ("duplicate exp claim", compact(header(), duplicate_exp, sign)),
        ("duplicate alg header", compact('{"kid":"%s","alg":"RS256","alg":"none"}' % KID, claims(), sign)),
        ("payload an array", compact(header(), "[1,2,3]", sign)),
        ("payload not JSON", compact(header(), "not json", sign)),
        ("oversized token", good_token(key, padding_claim="x" * 9000)),
        # Encodings other than canonical base64url, each correctly signed as spelled.
        ("base64 padding", signed_as_spelled(key, h + "=" * (-len(h) % 4 or 4), p)),
        ("non-canonical base64url", signed_as_spelled(key, h, non_canonical(unpadded_length(key)))),
        ("standard base64 alphabet", signed_as_spelled(key, h, base64.b64encode(text(claims(
            email="a>>?@example.org")).encode()).decode().rstrip("="))),
        ("whitespace inside", f"{h}. {p}.{s}"),
        ("four parts", f"{h}.{p}.{s}.{s}"),
        ("a JWE", ".".join([b64url(b'{"alg":"RSA-OAEP","enc":"A256GCM","kid":"%s"}' % KID.encode()),
                            b64url(bytes(256)), b64url(bytes(12)), b64url(b"ciphertext"), b64url(bytes(16))])),
        ("empty token", ""),
        ("only dots", ".."),
    ]
    return cases
