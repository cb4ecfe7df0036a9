// Differential properties of the AES-based and HMAC-based spec twins against libraries that
// share no code with them (STYLE.md 6): Botan 2, OpenSSL 3 and Intel ipsec-mb 1.3.
//
// Each property is a function of a Mutation. With Mutation::none it must hold; each mutant
// deliberately breaks it and a gtest asserts that RapidCheck then finds a counterexample
// (STYLE.md 4: "a property that cannot fail is a defect"). The spec HMAC is OpenSSL's, so
// HMAC and the KDF are checked against Botan only: comparing OpenSSL with itself proves nothing.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <botan/block_cipher.h>
#include <botan/mac.h>
#include <botan/stream_cipher.h>
#include <intel-ipsec-mb.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "spec/crypto/aes.h"
#include "spec/crypto/aes_cmac.h"
#include "spec/crypto/aes_ctr.h"
#include "spec/crypto/eea_eia.h"
#include "spec/crypto/hmac.h"
#include "spec/crypto/kdf.h"
#include "tests/support/vectors.h"

namespace secmode {
namespace {

using spec::Bytes;
using spec::ByteView;

// How a property is deliberately broken to show that it can fail.
enum class Mutation {
  none,
  flip_output_bit,       // one generator-chosen bit of the spec twin's output is flipped
  round_bits_up,         // the spec twin gets the bit length rounded up to whole octets
  little_endian_length,  // the test's own KDF input S writes each Li little-endian
};

std::string hex_of(ByteView b) { return test::to_hex(Bytes(b.begin(), b.end())); }

template <typename Octets>
void apply_flip(Mutation m, Octets& out) {
  if (m != Mutation::flip_output_bit || out.empty()) return;
  const auto bit = *rc::gen::inRange<std::size_t>(0, 8 * out.size());
  out[bit / 8] ^= static_cast<std::uint8_t>(0x80 >> (bit % 8));
}

// ---- generators --------------------------------------------------------------------------

rc::Gen<Bytes> gen_bytes(std::size_t n) {
  return rc::gen::container<Bytes>(n, rc::gen::arbitrary<std::uint8_t>());
}

// Byte lengths up to ~2600, with the CMAC/CTR block edges (0, 15, 16, 17, ...) frequent.
rc::Gen<std::size_t> gen_byte_length() {
  return rc::gen::weightedOneOf<std::size_t>({
      {4, rc::gen::inRange<std::size_t>(0, 50)},
      {3, rc::gen::inRange<std::size_t>(0, 2600)},
      {2, rc::gen::element<std::size_t>(0, 1, 15, 16, 17, 31, 32, 33, 48, 63, 64, 65, 255, 256)},
  });
}

// Bit lengths up to 20000 (TS 33.401 B.1.3/B.2.3 allow 1..2^32 bits; the tests stop early to
// stay fast), short and non-octet lengths frequent. 64 + bits hits a CMAC block edge when
// bits = 64 mod 128, hence 63/64/65 and 191/192/193.
rc::Gen<std::size_t> gen_bit_length() {
  return rc::gen::weightedOneOf<std::size_t>({
      {4, rc::gen::inRange<std::size_t>(0, 300)},
      {3, rc::gen::inRange<std::size_t>(0, 20001)},
      {2, rc::gen::element<std::size_t>(0, 1, 2, 7, 8, 9, 63, 64, 65, 127, 128, 129, 191, 192,
                                        193, 255, 256, 257)},
  });
}

struct CountInputsCase {
  spec::CountInputs in;
  Bytes key;
};

CountInputsCase gen_count_inputs() {
  CountInputsCase c;
  c.key = *gen_bytes(16);
  c.in.count = *rc::gen::arbitrary<std::uint32_t>();
  c.in.bearer = *rc::gen::inRange<std::uint8_t>(0, 32);
  c.in.direction = *rc::gen::inRange<std::uint8_t>(0, 2);
  return c;
}

// COUNT || BEARER || DIRECTION || 0^26, built here independently of the spec twin:
// TS 33.401 B.1.3 (the top half of T1) and B.2.3 (the prefix of the CMAC message).
Bytes count_bearer_direction(const spec::CountInputs& in) {
  return {static_cast<std::uint8_t>(in.count >> 24), static_cast<std::uint8_t>(in.count >> 16),
          static_cast<std::uint8_t>(in.count >> 8),  static_cast<std::uint8_t>(in.count),
          static_cast<std::uint8_t>(in.bearer << 3 | in.direction << 2), 0, 0, 0};
}

std::uint8_t used_bits_mask(std::size_t bits) {
  return bits % 8 == 0 ? 0xff : static_cast<std::uint8_t>(0xff << (8 - bits % 8));
}

// ---- the independent implementations -----------------------------------------------------

Bytes botan_aes_block(const Bytes& key, const Bytes& in) {
  auto aes = Botan::BlockCipher::create_or_throw("AES-128");
  aes->set_key(key.data(), key.size());
  Bytes out(16);
  aes->encrypt(in.data(), out.data());
  return out;
}

struct EvpCipherCtxFree {
  void operator()(EVP_CIPHER_CTX* c) const { EVP_CIPHER_CTX_free(c); }
};

// AES-128 in ECB (one block, no padding) or CTR mode through OpenSSL EVP.
Bytes openssl_aes(const EVP_CIPHER* cipher, const Bytes& key, const Bytes& iv, const Bytes& in) {
  std::unique_ptr<EVP_CIPHER_CTX, EvpCipherCtxFree> ctx(EVP_CIPHER_CTX_new());
  Bytes out(in.size() + 16);
  int len = 0;
  int fin = 0;
  static const std::uint8_t kNothing = 0;
  if (!ctx || !EVP_EncryptInit_ex(ctx.get(), cipher, nullptr, key.data(), iv.empty() ? nullptr : iv.data()) ||
      !EVP_CIPHER_CTX_set_padding(ctx.get(), 0) ||
      !EVP_EncryptUpdate(ctx.get(), out.data(), &len, in.empty() ? &kNothing : in.data(),
                         static_cast<int>(in.size())) ||
      !EVP_EncryptFinal_ex(ctx.get(), out.data() + len, &fin))
    throw std::runtime_error("OpenSSL EVP cipher failed");
  out.resize(static_cast<std::size_t>(len + fin));
  return out;
}

Bytes botan_ctr(const Bytes& key, const Bytes& iv, const Bytes& in) {
  // Botan's CTR-BE over a 16-octet counter: the whole block is the counter, mod 2^128.
  auto ctr = Botan::StreamCipher::create_or_throw("CTR(AES-128)");
  ctr->set_key(key.data(), key.size());
  ctr->set_iv(iv.data(), iv.size());
  Bytes out(in.size());
  ctr->cipher(in.data(), out.data(), in.size());
  return out;
}

Bytes botan_mac(const std::string& name, const Bytes& key, const Bytes& msg) {
  auto mac = Botan::MessageAuthenticationCode::create_or_throw(name);
  mac->set_key(key.data(), key.size());
  mac->update(msg.data(), msg.size());
  const auto tag = mac->final();
  return Bytes(tag.begin(), tag.end());
}

Bytes openssl_cmac(const Bytes& key, const Bytes& msg) {
  EVP_MAC* mac = EVP_MAC_fetch(nullptr, "CMAC", nullptr);
  EVP_MAC_CTX* ctx = mac ? EVP_MAC_CTX_new(mac) : nullptr;
  char cipher[] = "AES-128-CBC";
  const OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_CIPHER, cipher, 0), OSSL_PARAM_construct_end()};
  Bytes out(16);
  std::size_t len = 0;
  const bool ok = ctx && EVP_MAC_init(ctx, key.data(), key.size(), params) &&
                  EVP_MAC_update(ctx, msg.data(), msg.size()) &&
                  EVP_MAC_final(ctx, out.data(), &len, out.size()) && len == 16;
  EVP_MAC_CTX_free(ctx);
  EVP_MAC_free(mac);
  if (!ok) throw std::runtime_error("OpenSSL EVP_MAC CMAC failed");
  return out;
}

// One ipsec-mb manager for the whole run; every job is submitted and drained before the next.
class IpsecMb {
 public:
  IpsecMb() : mgr_(alloc_mb_mgr(0)) {
    if (mgr_ == nullptr) throw std::runtime_error("alloc_mb_mgr failed");
    init_mb_mgr_auto(mgr_, &arch_);
    if (imb_get_errno(mgr_) != 0) throw std::runtime_error(imb_get_strerror(imb_get_errno(mgr_)));
  }
  ~IpsecMb() { free_mb_mgr(mgr_); }
  IpsecMb(const IpsecMb&) = delete;
  IpsecMb& operator=(const IpsecMb&) = delete;

  // AES-128-CMAC over the first `bits` bits of `msg` (IMB_AUTH_AES_CMAC_BITLEN: the length is
  // msg_len_to_hash_in_bits, bit 1 is the MSB of msg[0]), truncated to `tag_len` octets.
  Bytes cmac_bits(const Bytes& key, const Bytes& msg, std::size_t bits, std::size_t tag_len) {
    alignas(16) std::uint8_t enc[16 * 15];
    alignas(16) std::uint8_t dec[16 * 15];
    alignas(16) std::uint8_t k1[16];
    alignas(16) std::uint8_t k2[16];
    IMB_AES_KEYEXP_128(mgr_, key.data(), enc, dec);
    IMB_AES_CMAC_SUBKEY_GEN_128(mgr_, enc, k1, k2);
    static const std::uint8_t kNothing[16] = {};
    Bytes tag(tag_len);

    IMB_JOB* job = IMB_GET_NEXT_JOB(mgr_);
    job->cipher_mode = IMB_CIPHER_NULL;
    job->cipher_direction = IMB_DIR_ENCRYPT;
    job->chain_order = IMB_ORDER_HASH_CIPHER;
    job->hash_alg = IMB_AUTH_AES_CMAC_BITLEN;
    job->src = msg.empty() ? kNothing : msg.data();
    job->hash_start_src_offset_in_bytes = 0;
    job->msg_len_to_hash_in_bits = bits;
    job->auth_tag_output = tag.data();
    job->auth_tag_output_len_in_bytes = tag_len;
    job->u.CMAC._key_expanded = enc;
    job->u.CMAC._skey1 = k1;
    job->u.CMAC._skey2 = k2;
    IMB_JOB* done = IMB_SUBMIT_JOB(mgr_);
    while (done == nullptr) done = IMB_FLUSH_JOB(mgr_);
    if (done->status != IMB_STATUS_COMPLETED)
      throw std::runtime_error(std::string("ipsec-mb CMAC job failed: ") +
                               imb_get_strerror(imb_get_errno(mgr_)));
    return tag;
  }

 private:
  IMB_MGR* mgr_;
  IMB_ARCH arch_{};
};

IpsecMb& ipsec_mb() {
  static IpsecMb mb;
  return mb;
}

// ---- 1. AES-128 block (FIPS-197 5.1) -----------------------------------------------------

void aes_block_property(Mutation m) {
  const Bytes key = *gen_bytes(16);
  const Bytes in = *gen_bytes(16);
  spec::Block block{};
  std::copy(in.begin(), in.end(), block.begin());
  spec::Block out = spec::Aes128(key).encrypt(block);
  apply_flip(m, out);
  RC_ASSERT(hex_of(out) == hex_of(botan_aes_block(key, in)));
  RC_ASSERT(hex_of(out) == hex_of(openssl_aes(EVP_aes_128_ecb(), key, {}, in)));
}

// ---- 2. AES-CTR (NIST SP 800-38A 6.5) and 128-EEA2 (TS 33.401 B.1.3) ---------------------

void aes_ctr_property(Mutation m) {
  const Bytes key = *gen_bytes(16);
  // Initial counters ending in runs of 0xff make the increment carry across octets and,
  // for an all-0xff block, wrap mod 2^128.
  Bytes iv = *gen_bytes(16);
  const auto ones = *rc::gen::weightedOneOf<std::size_t>(
      {{2, rc::gen::just<std::size_t>(0)}, {1, rc::gen::inRange<std::size_t>(0, 17)}});
  std::fill(iv.end() - static_cast<std::ptrdiff_t>(ones), iv.end(), std::uint8_t{0xff});
  const Bytes data = *gen_bytes(*gen_byte_length());

  spec::Block t1{};
  std::copy(iv.begin(), iv.end(), t1.begin());
  Bytes out = spec::aes128_ctr(key, t1, data, 8 * data.size());
  apply_flip(m, out);
  RC_ASSERT(hex_of(out) == hex_of(botan_ctr(key, iv, data)));
  RC_ASSERT(hex_of(out) == hex_of(openssl_aes(EVP_aes_128_ctr(), key, iv, data)));
}

void eea2_property(Mutation m) {
  const auto c = gen_count_inputs();
  const std::size_t bits = *gen_bit_length();
  const Bytes data = *gen_bytes(spec::bytes_for(bits));  // trailing unused bits are random

  const std::size_t spec_bits = m == Mutation::round_bits_up ? 8 * data.size() : bits;
  Bytes out = spec::eea(spec::Eea::eea2, c.key, c.in, data, spec_bits);
  apply_flip(m, out);

  // TS 33.401 B.1.3: T1 = COUNT || BEARER || DIRECTION || 0^26 || 0^64.
  Bytes t1 = count_bearer_direction(c.in);
  t1.resize(16, 0);
  Bytes botan = botan_ctr(c.key, t1, data);
  Bytes openssl = openssl_aes(EVP_aes_128_ctr(), c.key, t1, data);
  if (!data.empty()) {
    botan.back() &= used_bits_mask(bits);
    openssl.back() &= used_bits_mask(bits);
  }
  RC_CLASSIFY(bits % 8 != 0, "non-octet length");
  RC_CLASSIFY(bits > 4096, "longer than 4096 bits");
  RC_ASSERT(out.size() == data.size());
  // bytes.h: the unused low-order bits of the last octet are cleared on output.
  if (!out.empty()) RC_ASSERT((out.back() & ~used_bits_mask(bits) & 0xff) == 0);
  RC_ASSERT(hex_of(out) == hex_of(botan));
  RC_ASSERT(hex_of(out) == hex_of(openssl));
}

// ---- 3. AES-CMAC on octet strings (RFC 4493, NIST SP 800-38B) -----------------------------

void cmac_bytes_property(Mutation m) {
  const Bytes key = *gen_bytes(16);
  const Bytes msg = *gen_bytes(*gen_byte_length());
  spec::Block tag = spec::aes128_cmac(key, msg, 8 * msg.size());
  apply_flip(m, tag);
  RC_CLASSIFY(msg.size() % 16 == 0, "complete last block (K1)");
  RC_CLASSIFY(msg.size() > 512, "longer than 512 octets");
  RC_ASSERT(hex_of(tag) == hex_of(botan_mac("CMAC(AES-128)", key, msg)));
  RC_ASSERT(hex_of(tag) == hex_of(openssl_cmac(key, msg)));
}

// ---- 4. CMAC on bit strings (SP 800-38B 6.2) and 128-EIA2 (TS 33.401 B.2.3) --------------

void cmac_bits_property(Mutation m) {
  const Bytes key = *gen_bytes(16);
  const std::size_t bits = *gen_bit_length();
  const Bytes msg = *gen_bytes(spec::bytes_for(bits));  // trailing unused bits are random
  Bytes masked = msg;
  if (!masked.empty()) masked.back() &= used_bits_mask(bits);

  const std::size_t spec_bits = m == Mutation::round_bits_up ? 8 * msg.size() : bits;
  spec::Block tag = spec::aes128_cmac(key, msg, spec_bits);
  apply_flip(m, tag);
  RC_CLASSIFY(bits % 8 != 0, "non-octet length");
  RC_CLASSIFY(bits > 4096, "longer than 4096 bits");
  RC_ASSERT(hex_of(tag) == hex_of(ipsec_mb().cmac_bits(key, masked, bits, 16)));
}

void eia2_property(Mutation m) {
  const auto c = gen_count_inputs();
  const std::size_t bits = *gen_bit_length();
  const Bytes msg = *gen_bytes(spec::bytes_for(bits));  // trailing unused bits are random

  const std::size_t spec_bits = m == Mutation::round_bits_up ? 8 * msg.size() : bits;
  spec::Mac32 mac = spec::eia(spec::Eia::eia2, c.key, c.in, msg, spec_bits);
  apply_flip(m, mac);

  // TS 33.401 B.2.3: CMAC over COUNT || BEARER || DIRECTION || 0^26 || MESSAGE, 64 + LENGTH
  // bits, MACT = the 32 most significant bits. The prefix is exactly 8 octets, so the message
  // stays octet-aligned behind it; its unused trailing bits are cleared for ipsec-mb.
  Bytes full = count_bearer_direction(c.in);
  full.insert(full.end(), msg.begin(), msg.end());
  if (bits % 8 != 0) full.back() &= used_bits_mask(bits);
  RC_CLASSIFY(bits % 8 != 0, "non-octet length");
  RC_CLASSIFY(bits > 4096, "longer than 4096 bits");
  RC_ASSERT(hex_of(mac) == hex_of(ipsec_mb().cmac_bits(c.key, full, 64 + bits, 4)));
}

// ---- 5. HMAC (RFC 2104, RFC 2403, RFC 2404) and the KDF (TS 33.220 B.2) -------------------

rc::Gen<std::size_t> gen_key_length() {
  // 0..100 octets: across the 64-octet block size, above which HMAC hashes the key first.
  return rc::gen::weightedOneOf<std::size_t>({
      {3, rc::gen::inRange<std::size_t>(0, 101)},
      {1, rc::gen::element<std::size_t>(0, 16, 32, 63, 64, 65)},
  });
}

void hmac_property(Mutation m) {
  const auto hash = *rc::gen::element(spec::Hash::md5, spec::Hash::sha1, spec::Hash::sha256);
  const Bytes key = *gen_bytes(*gen_key_length());
  const Bytes data = *gen_bytes(*rc::gen::inRange<std::size_t>(0, 1000));
  const std::string name = hash == spec::Hash::md5    ? "HMAC(MD5)"
                           : hash == spec::Hash::sha1 ? "HMAC(SHA-1)"
                                                      : "HMAC(SHA-256)";
  const Bytes ref = botan_mac(name, key, data);

  Bytes full = spec::hmac(hash, key, data);
  apply_flip(m, full);
  RC_ASSERT(hex_of(full) == hex_of(ref));

  // The leftmost 96 bits (RFC 2403 2, RFC 2404 2) and the 256-bit key-material form.
  const Bytes ref96(ref.begin(), ref.begin() + 12);
  if (hash == spec::Hash::md5) RC_ASSERT(hex_of(spec::hmac_md5_96(key, data)) == hex_of(ref96));
  if (hash == spec::Hash::sha1) RC_ASSERT(hex_of(spec::hmac_sha1_96(key, data)) == hex_of(ref96));
  if (hash == spec::Hash::sha256) RC_ASSERT(hex_of(spec::hmac_sha256(key, data)) == hex_of(ref));
}

void kdf_property(Mutation m) {
  const Bytes key = *gen_bytes(*gen_key_length());
  const auto fc = *rc::gen::arbitrary<std::uint8_t>();
  const auto n = *rc::gen::inRange<std::size_t>(0, 5);
  std::vector<Bytes> params;
  for (std::size_t i = 0; i < n; ++i) params.push_back(*gen_bytes(*rc::gen::inRange<std::size_t>(0, 301)));

  // TS 33.220 B.2.0: S = FC || P0 || L0 || P1 || L1 || ..., Li = length of Pi in octets,
  // two octets, most significant first (B.2.1.1 examples: 0x00 0x03 for three octets).
  Bytes s{fc};
  for (const Bytes& p : params) {
    s.insert(s.end(), p.begin(), p.end());
    const auto hi = static_cast<std::uint8_t>(p.size() >> 8);
    const auto lo = static_cast<std::uint8_t>(p.size());
    if (m == Mutation::little_endian_length) {
      s.push_back(lo);
      s.push_back(hi);
    } else {
      s.push_back(hi);
      s.push_back(lo);
    }
  }

  RC_ASSERT(hex_of(spec::kdf_input(fc, params)) == hex_of(s));
  spec::Key256 derived = spec::kdf(key, fc, params);
  apply_flip(m, derived);
  const Bytes ref = botan_mac("HMAC(SHA-256)", key, s);
  RC_ASSERT(hex_of(derived) == hex_of(ref));
  // TS 33.401 A.7 / TS 33.501 A.8: the 128 least significant bits are the last 16 octets.
  RC_ASSERT(hex_of(spec::kdf_low_128(derived)) == hex_of(Bytes(ref.begin() + 16, ref.end())));
}

// ---- the properties, then the mutants that must make them fail ----------------------------
// Each MUTANT test below is how its property was seen failing: RapidCheck found a
// counterexample (printed above the test result) and rc::check returned false. Because
// those checks fail on purpose, RapidCheck ends the run with "Some of your RapidCheck
// properties had failures" and a reproduce string; that line is expected and names only
// the mutants (a real failure also fails its gtest).

RC_GTEST_PROP(AesBlockProperty, SpecMatchesBotanAndOpenSsl, ()) { aes_block_property(Mutation::none); }
TEST(AesBlockProperty, MutantFlippedOutputBitIsCaught) {
  ASSERT_FALSE(rc::check("AES block, flipped bit", [] { aes_block_property(Mutation::flip_output_bit); }));
}

RC_GTEST_PROP(AesCtrProperty, SpecMatchesBotanAndOpenSsl, ()) { aes_ctr_property(Mutation::none); }
TEST(AesCtrProperty, MutantFlippedOutputBitIsCaught) {
  ASSERT_FALSE(rc::check("AES-CTR, flipped bit", [] { aes_ctr_property(Mutation::flip_output_bit); }));
}

RC_GTEST_PROP(Eea2Property, SpecMatchesBotanAndOpenSslCtr, ()) { eea2_property(Mutation::none); }
TEST(Eea2Property, MutantFlippedOutputBitIsCaught) {
  ASSERT_FALSE(rc::check("128-EEA2, flipped bit", [] { eea2_property(Mutation::flip_output_bit); }));
}
TEST(Eea2Property, MutantOctetRoundedLengthIsCaught) {
  // Only the "unused bits are zero" check can see this one: the masked octets still agree.
  ASSERT_FALSE(rc::check("128-EEA2, length rounded up", [] { eea2_property(Mutation::round_bits_up); }));
}

RC_GTEST_PROP(CmacProperty, OctetStringsMatchBotanAndOpenSsl, ()) { cmac_bytes_property(Mutation::none); }
TEST(CmacProperty, MutantFlippedOutputBitIsCaught) {
  ASSERT_FALSE(rc::check("CMAC octets, flipped bit", [] { cmac_bytes_property(Mutation::flip_output_bit); }));
}

RC_GTEST_PROP(CmacProperty, BitStringsMatchIpsecMb, ()) { cmac_bits_property(Mutation::none); }
TEST(CmacProperty, MutantBitStringsFlippedOutputBitIsCaught) {
  ASSERT_FALSE(rc::check("CMAC bits, flipped bit", [] { cmac_bits_property(Mutation::flip_output_bit); }));
}
TEST(CmacProperty, MutantBitStringsOctetRoundedLengthIsCaught) {
  ASSERT_FALSE(rc::check("CMAC bits, length rounded up", [] { cmac_bits_property(Mutation::round_bits_up); }));
}

RC_GTEST_PROP(Eia2Property, SpecMatchesIpsecMbCmacBitlen, ()) { eia2_property(Mutation::none); }
TEST(Eia2Property, MutantFlippedOutputBitIsCaught) {
  ASSERT_FALSE(rc::check("128-EIA2, flipped bit", [] { eia2_property(Mutation::flip_output_bit); }));
}
TEST(Eia2Property, MutantOctetRoundedLengthIsCaught) {
  ASSERT_FALSE(rc::check("128-EIA2, length rounded up", [] { eia2_property(Mutation::round_bits_up); }));
}

RC_GTEST_PROP(HmacProperty, SpecMatchesBotan, ()) { hmac_property(Mutation::none); }
TEST(HmacProperty, MutantFlippedOutputBitIsCaught) {
  ASSERT_FALSE(rc::check("HMAC, flipped bit", [] { hmac_property(Mutation::flip_output_bit); }));
}

RC_GTEST_PROP(KdfProperty, SpecMatchesBotanHmacSha256OverS, ()) { kdf_property(Mutation::none); }
TEST(KdfProperty, MutantFlippedOutputBitIsCaught) {
  ASSERT_FALSE(rc::check("KDF, flipped bit", [] { kdf_property(Mutation::flip_output_bit); }));
}
TEST(KdfProperty, MutantLittleEndianLengthIsCaught) {
  ASSERT_FALSE(rc::check("KDF, Li little-endian", [] { kdf_property(Mutation::little_endian_length); }));
}

}  // namespace
}  // namespace secmode
