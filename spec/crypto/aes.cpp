#include "spec/crypto/aes.h"

namespace secmode::spec {
namespace {

// FIPS-197 4.2: multiplication in GF(2^8) modulo m(x) = x^8 + x^4 + x^3 + x + 1.
constexpr std::uint8_t xtime(std::uint8_t a) {
  return static_cast<std::uint8_t>((a << 1) ^ ((a & 0x80) ? 0x1b : 0x00));
}
constexpr std::uint8_t gmul(std::uint8_t a, std::uint8_t b) {
  std::uint8_t p = 0;
  for (int i = 0; i < 8; ++i) {
    if (b & 1) p ^= a;
    a = xtime(a);
    b >>= 1;
  }
  return p;
}

// FIPS-197 5.1.1: SubBytes is the multiplicative inverse in GF(2^8) (0 maps to 0) followed
// by the affine transformation b'_i = b_i ^ b_{i+4} ^ b_{i+5} ^ b_{i+6} ^ b_{i+7} ^ c_i,
// c = 0x63. Built from that definition rather than transcribed, so a typo cannot hide in it.
constexpr std::array<std::uint8_t, 256> make_sbox() {
  std::array<std::uint8_t, 256> s{};
  for (int x = 0; x < 256; ++x) {
    // x^254 = x^-1 since x^255 = 1 for x != 0, and 0^254 = 0 as 5.1.1 requires.
    std::uint8_t inv = 1;
    for (int bit = 7; bit >= 0; --bit) {  // square-and-multiply, exponent 254 = 0b11111110
      inv = gmul(inv, inv);
      if ((254 >> bit) & 1) inv = gmul(inv, static_cast<std::uint8_t>(x));
    }
    std::uint8_t out = 0;
    for (int i = 0; i < 8; ++i) {
      const int bit = ((inv >> i) ^ (inv >> ((i + 4) % 8)) ^ (inv >> ((i + 5) % 8)) ^
                       (inv >> ((i + 6) % 8)) ^ (inv >> ((i + 7) % 8)) ^ (0x63 >> i)) & 1;
      out = static_cast<std::uint8_t>(out | bit << i);
    }
    s[static_cast<std::size_t>(x)] = out;
  }
  return s;
}
constexpr std::array<std::uint8_t, 256> kSbox = make_sbox();
static_assert(kSbox[0x00] == 0x63 && kSbox[0x53] == 0xed, "FIPS-197 Figure 7");

// The state is kept as the 16 input bytes in column order: state[r][c] = s[r + 4c] (FIPS-197 3.4).
void sub_bytes(Block& s) {
  for (auto& b : s) b = kSbox[b];
}
void shift_rows(Block& s) {  // FIPS-197 5.1.2: row r rotates left by r
  const Block t = s;
  for (int r = 0; r < 4; ++r)
    for (int c = 0; c < 4; ++c) s[static_cast<std::size_t>(r + 4 * c)] = t[static_cast<std::size_t>(r + 4 * ((c + r) % 4))];
}
void mix_columns(Block& s) {  // FIPS-197 5.1.3: multiply each column by {03}x^3+{01}x^2+{01}x+{02}
  for (std::size_t c = 0; c < 4; ++c) {
    std::uint8_t* col = &s[4 * c];
    const std::uint8_t a0 = col[0], a1 = col[1], a2 = col[2], a3 = col[3];
    col[0] = static_cast<std::uint8_t>(gmul(a0, 2) ^ gmul(a1, 3) ^ a2 ^ a3);
    col[1] = static_cast<std::uint8_t>(a0 ^ gmul(a1, 2) ^ gmul(a2, 3) ^ a3);
    col[2] = static_cast<std::uint8_t>(a0 ^ a1 ^ gmul(a2, 2) ^ gmul(a3, 3));
    col[3] = static_cast<std::uint8_t>(gmul(a0, 3) ^ a1 ^ a2 ^ gmul(a3, 2));
  }
}
void add_round_key(Block& s, const Block& k) {  // FIPS-197 5.1.4
  for (std::size_t i = 0; i < 16; ++i) s[i] ^= k[i];
}

}  // namespace

Aes128::Aes128(ByteView key) {
  require_size(key, 16, "AES-128 key");
  // FIPS-197 5.2: w[i] = w[i-4] ^ (i % 4 == 0 ? SubWord(RotWord(w[i-1])) ^ Rcon[i/4] : w[i-1]).
  std::array<std::uint8_t, 176> w{};
  for (std::size_t i = 0; i < 16; ++i) w[i] = key[i];
  std::uint8_t rcon = 0x01;
  for (std::size_t i = 4; i < 44; ++i) {
    std::array<std::uint8_t, 4> t{w[4 * i - 4], w[4 * i - 3], w[4 * i - 2], w[4 * i - 1]};
    if (i % 4 == 0) {
      t = {static_cast<std::uint8_t>(kSbox[t[1]] ^ rcon), kSbox[t[2]], kSbox[t[3]], kSbox[t[0]]};
      rcon = xtime(rcon);
    }
    for (std::size_t j = 0; j < 4; ++j) w[4 * i + j] = static_cast<std::uint8_t>(w[4 * i - 16 + j] ^ t[j]);
    wipe(t.data(), t.size());
  }
  for (std::size_t r = 0; r < 11; ++r)
    for (std::size_t j = 0; j < 16; ++j) round_keys_[r][j] = w[16 * r + j];
  wipe(w.data(), w.size());
}

Aes128::~Aes128() { wipe(round_keys_.data(), sizeof(round_keys_)); }

Block Aes128::encrypt(const Block& in) const {
  Block s = in;
  add_round_key(s, round_keys_[0]);
  for (std::size_t round = 1; round < 10; ++round) {
    sub_bytes(s);
    shift_rows(s);
    mix_columns(s);
    add_round_key(s, round_keys_[round]);
  }
  sub_bytes(s);
  shift_rows(s);
  add_round_key(s, round_keys_[10]);
  return s;
}

}  // namespace secmode::spec
