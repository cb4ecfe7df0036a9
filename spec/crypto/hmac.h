// HMAC (RFC 2104) and the plain hashes from OpenSSL: hashes are never hand-written here. The truncations are
// those of IMS ESP integrity, HMAC-MD5-96 (RFC 2403) and HMAC-SHA-1-96 (RFC 2404), used by
// TS 33.203 7.x, and the full HMAC-SHA-256 under the KDF of TS 33.220 B.2.
#pragma once

#include "spec/crypto/bytes.h"

namespace secmode::spec {

enum class Hash { md5, sha1, sha256 };

// The hash itself (16, 20 or 32 bytes): MD5 for HTTP Digest (RFC 2617 3.2.2, which Digest AKA,
// RFC 3310 3.3, computes with RES as the password).
Bytes digest(Hash hash, ByteView data);

// The full HMAC output (16, 20 or 32 bytes).
Bytes hmac(Hash hash, ByteView key, ByteView data);

// RFC 2403 2 / RFC 2404 2: the leftmost 96 bits of the HMAC.
Bytes hmac_md5_96(ByteView key, ByteView data);
Bytes hmac_sha1_96(ByteView key, ByteView data);

// The 32-byte HMAC-SHA-256, held as key material.
Key256 hmac_sha256(ByteView key, ByteView data);

}  // namespace secmode::spec
