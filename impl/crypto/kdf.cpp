// HMAC-SHA-256 framing of the TS 33.220 KDF around the tier's compression (contract: kdf.h).
#include "impl/crypto/kdf.h"

#include <algorithm>
#include <cstring>

#include "impl/crypto/ct.h"
#include "impl/crypto/sha256_portable.h"
#include "impl/crypto/sha256_x86ni.h"

namespace secmode::impl::crypto {

namespace detail {

// The one place that maps a key's tier to its kernel (the tier itself is chosen in cpu.cpp).
struct KdfKeyAccess {
  static void compress(Tier tier, std::uint32_t state[8], const std::uint8_t* blocks, std::size_t n) noexcept {
    if (tier == Tier::portable) sha256_portable_compress(state, blocks, n);
    else sha256_x86ni_compress(state, blocks, n);
  }
  static Tier tier(const KdfKey& k) noexcept { return k.tier_; }
  static const std::array<std::uint32_t, 8>& inner(const KdfKey& k) noexcept { return k.inner_; }
  static const std::array<std::uint32_t, 8>& outer(const KdfKey& k) noexcept { return k.outer_; }
  static void init(KdfKey& k, const std::uint8_t key[32]) noexcept {
    // RFC 2104: K is 32 octets, shorter than the 64-octet block, so it is zero-padded, not
    // hashed. The ipad and opad blocks are K XOR 0x36.. and K XOR 0x5c...
    std::uint8_t ipad[64], opad[64];
    for (int i = 0; i < 32; ++i) {
      ipad[i] = static_cast<std::uint8_t>(key[i] ^ 0x36);
      opad[i] = static_cast<std::uint8_t>(key[i] ^ 0x5c);
    }
    std::memset(ipad + 32, 0x36, 32);
    std::memset(opad + 32, 0x5c, 32);
    std::copy(std::begin(kSha256Iv), std::end(kSha256Iv), k.inner_.begin());
    std::copy(std::begin(kSha256Iv), std::end(kSha256Iv), k.outer_.begin());
    // The two pad blocks are independent: SHA-NI runs them interleaved (a fresh key is the
    // common case -- each level of a key hierarchy is keyed once).
    if (k.tier_ == Tier::portable) {
      sha256_portable_compress(k.inner_.data(), ipad, 1);
      sha256_portable_compress(k.outer_.data(), opad, 1);
    } else {
      sha256_x86ni_compress_x2(k.inner_.data(), ipad, k.outer_.data(), opad);
    }
    ct::wipe(ipad, sizeof ipad);
    ct::wipe(opad, sizeof opad);
  }
};

}  // namespace detail

namespace {

using Kernel = detail::KdfKeyAccess;

// One 4-octet store (BSWAP + MOV) rather than four byte stores: the kernel then loads the block
// 16 octets at a time, and fewer, wider stores forward to those loads more cheaply.
void store_be32(std::uint32_t v, std::uint8_t* p) noexcept {
  v = __builtin_bswap32(v);  // x86 is little-endian; this file only builds for x86-64
  std::memcpy(p, &v, 4);
}

// The inner hash, fed S piece by piece: whole blocks of a long parameter go straight to the
// kernel from the caller's buffer, the rest through a 64-octet block buffer.
struct InnerHash {
  Tier tier;
  std::uint32_t state[8];
  std::uint8_t block[64];
  std::size_t fill = 0;   // octets in block
  std::uint64_t total = 0;  // octets of S so far (public)

  void put(const std::uint8_t* p, std::size_t n) noexcept {
    if (n == 0) return;  // an empty parameter may come as a null pointer: memcpy must not see it
    total += n;
    if (fill != 0) {
      const std::size_t take = std::min(64 - fill, n);
      std::memcpy(block + fill, p, take);
      fill += take;
      p += take;
      n -= take;
      if (fill < 64) return;
      Kernel::compress(tier, state, block, 1);
      fill = 0;
    }
    if (n >= 64) {
      Kernel::compress(tier, state, p, n / 64);
      p += n - n % 64;
      n %= 64;
    }
    if (n != 0) std::memcpy(block, p, n);
    fill = n;
  }

  // FIPS 180-4 5.1.1: 1, zeros, and the 64-bit bit length of the whole inner message (the
  // ipad block plus S) end the last block; then the digest, big-endian (6.2.2 step 4).
  void finish(std::uint8_t digest[32]) noexcept {
    block[fill++] = 0x80;
    if (fill > 56) {
      std::memset(block + fill, 0, 64 - fill);
      Kernel::compress(tier, state, block, 1);
      fill = 0;
    }
    std::memset(block + fill, 0, 56 - fill);
    const std::uint64_t bits = (64 + total) * 8;
    store_be32(static_cast<std::uint32_t>(bits >> 32), block + 56);
    store_be32(static_cast<std::uint32_t>(bits), block + 60);
    Kernel::compress(tier, state, block, 1);
    for (int i = 0; i < 8; ++i) store_be32(state[i], digest + 4 * i);
  }

  void wipe() noexcept {
    ct::wipe(state, sizeof state);
    ct::wipe(block, sizeof block);
  }
};

// detected_tier() executes CPUID on every call, which under a hypervisor is a VM exit costing
// tens of microseconds: a hundred times a whole derivation. The CPU does not change while the
// process runs, so it is asked once (a function-local static: thread-safe, one guard load after).
Tier cpu_tier() noexcept {
  static const Tier tier = detected_tier();
  return tier;
}

}  // namespace

KdfKey::KdfKey(std::span<const std::uint8_t, 32> key) noexcept : KdfKey(key, active_tier()) {}

KdfKey::KdfKey(std::span<const std::uint8_t, 32> key, Tier tier) noexcept : tier_(std::min(tier, cpu_tier())) {
  Kernel::init(*this, key.data());
}

KdfKey::~KdfKey() {
  ct::wipe_object(inner_);
  ct::wipe_object(outer_);
}

const char* derive(const KdfKey& key, std::uint8_t fc, KdfParams params, std::span<std::uint8_t, 32> out) noexcept {
  for (const auto& p : params)
    if (p.size() > 0xffff) return "KDF parameter longer than 65535 octets: L_i is 2 octets (TS 33.220 B.2.0)";

  InnerHash h{Kernel::tier(key), {}, {}};
  std::copy(Kernel::inner(key).begin(), Kernel::inner(key).end(), h.state);
  h.put(&fc, 1);
  for (const auto& p : params) {
    const std::uint8_t len[2] = {static_cast<std::uint8_t>(p.size() >> 8), static_cast<std::uint8_t>(p.size())};
    h.put(p.data(), p.size());
    h.put(len, 2);
  }

  // Outer hash (RFC 2104 steps 6-7): one block, the inner digest then padding for
  // 64 + 32 octets = 768 bits = 0x300.
  std::uint8_t block[64] = {};
  h.finish(block);
  h.wipe();
  block[32] = 0x80;
  block[62] = 0x03;
  std::uint32_t state[8];
  std::copy(Kernel::outer(key).begin(), Kernel::outer(key).end(), state);
  Kernel::compress(Kernel::tier(key), state, block, 1);
  for (int i = 0; i < 8; ++i) store_be32(state[i], out.data() + 4 * i);
  ct::wipe(block, sizeof block);
  ct::wipe(state, sizeof state);
  return nullptr;
}

const char* derive(std::span<const std::uint8_t, 32> key, std::uint8_t fc, KdfParams params,
                   std::span<std::uint8_t, 32> out) noexcept {
  return derive(key, active_tier(), fc, params, out);
}

const char* derive(std::span<const std::uint8_t, 32> key, Tier tier, std::uint8_t fc, KdfParams params,
                   std::span<std::uint8_t, 32> out) noexcept {
  const KdfKey k(key, tier);  // its destructor wipes the pad states on the way out
  return derive(k, fc, params, out);
}

const char* derive_algorithm_key(const KdfKey& key, KeyHierarchy hierarchy, std::uint8_t type, std::uint8_t alg,
                                 std::span<std::uint8_t, 16> out) noexcept {
  if (type < 0x01 || type > 0x06)
    return "algorithm type distinguisher is 0x01..0x06 (TS 33.401 Table A.7-1, TS 33.501 Table A.8-1)";
  if (alg > 15) return "algorithm identity is 4 bits (TS 33.401 A.7, TS 33.501 A.8)";
  const std::uint8_t p0[1] = {type};
  const std::uint8_t p1[1] = {alg};
  const std::span<const std::uint8_t> params[2] = {p0, p1};
  std::array<std::uint8_t, 32> full{};
  const char* fault = derive(key, static_cast<std::uint8_t>(hierarchy), params, full);
  std::copy(full.begin() + 16, full.end(), out.begin());
  ct::wipe_object(full);
  return fault;
}

const char* derive_kamf_prime(const KdfKey& kamf, std::uint8_t direction, std::uint32_t count,
                              std::span<std::uint8_t, 32> out) noexcept {
  if (direction > 1) return "DIRECTION is 0x00 (idle mobility) or 0x01 (handover) (TS 33.501 A.13)";
  const std::uint8_t p0[1] = {direction};
  const std::uint8_t p1[4] = {static_cast<std::uint8_t>(count >> 24), static_cast<std::uint8_t>(count >> 16),
                              static_cast<std::uint8_t>(count >> 8), static_cast<std::uint8_t>(count)};
  const std::span<const std::uint8_t> params[2] = {p0, p1};
  return derive(kamf, 0x72, params, out);
}

}  // namespace secmode::impl::crypto
