#include "impl/engine/ims_esp.h"

#include <array>

#include "impl/crypto/ct.h"
#include "impl/crypto/md5.h"
#include "impl/crypto/sha1.h"

namespace secmode::impl::engine {

namespace {

constexpr std::size_t kHeader = 8;     // SPI and Sequence Number
constexpr std::uint64_t kWindow = 64;  // RFC 4303 3.4.3: "a window size of 64 SHOULD be the default"

void put32(std::uint8_t* p, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) p[i] = static_cast<std::uint8_t>(v >> (24 - 8 * i));
}
std::uint32_t get32(const std::uint8_t* p) {
  return std::uint32_t{p[0]} << 24 | std::uint32_t{p[1]} << 16 | std::uint32_t{p[2]} << 8 | p[3];
}

const char* unsupported(const SaSet& set) {
  if (set.mechanism.ealg && *set.mechanism.ealg != sip::EncryptionAlgorithm::null)
    return "this ESP path protects integrity only: the set's mechanism encrypts (RFC 4303, TS 33.203 H.2)";
  if (set.mechanism.alg != sip::IntegrityAlgorithm::hmac_sha_1_96 &&
      set.mechanism.alg != sip::IntegrityAlgorithm::hmac_md5_96)
    return "this ESP path computes HMAC-SHA-1-96 and HMAC-MD5-96 ICVs only (RFC 2404, RFC 2403)";
  return nullptr;
}

// The ICV (RFC 2404 / 2403: the leftmost 96 bits of the HMAC) over `data`.
void icv(const SaSet& set, std::span<const std::uint8_t> data, std::span<std::uint8_t, kEspIcvSize> out) {
  const std::span<const std::uint8_t> key(set.keys.ik.data(), set.keys.ik_size);
  if (set.mechanism.alg == sip::IntegrityAlgorithm::hmac_sha_1_96) {
    const crypto::HmacSha1 hmac(key);
    std::array<std::uint8_t, 20> full{};
    const std::array<std::span<const std::uint8_t>, 1> parts{data};
    hmac.mac(parts, full);
    std::copy(full.begin(), full.begin() + kEspIcvSize, out.begin());
    crypto::ct::wipe_object(full);
    return;
  }
  // RFC 2104 with MD5: H(K xor opad, H(K xor ipad, data)), K padded to 64 octets.
  std::array<std::uint8_t, 64> pad{};
  std::copy(key.begin(), key.end(), pad.begin());
  for (auto& b : pad) b ^= 0x36;
  crypto::Md5 inner;
  inner.update(pad);
  inner.update(data);
  std::array<std::uint8_t, 16> digest{};
  inner.finish(digest);
  for (auto& b : pad) b ^= 0x36 ^ 0x5c;
  crypto::Md5 outer;
  outer.update(pad);
  outer.update(digest);
  outer.finish(digest);
  std::copy(digest.begin(), digest.begin() + kEspIcvSize, out.begin());
  crypto::ct::wipe_object(pad);
  crypto::ct::wipe_object(digest);
}

}  // namespace

EspSealed esp_seal(SaSet& set, std::size_t sa, std::uint8_t next_header, std::span<const std::uint8_t> payload,
                   std::span<std::uint8_t> out) noexcept {
  EspSealed r;
  if (sa >= set.sas.size() || set.sas[sa].inbound) {
    r.error = "not an outbound SA of the set";
    return r;
  }
  if ((r.error = unsupported(set))) return r;
  EspSa& s = set.sas[sa];
  if (s.sequence == 0xffffffffu) {
    r.error = "the sequence number would cycle: a new SA is due (RFC 4303 3.3.3)";
    return r;
  }
  const std::size_t pad = (4 - (payload.size() + 2) % 4) % 4;
  const std::size_t size = kHeader + payload.size() + pad + 2 + kEspIcvSize;
  if (out.size() < size) {
    r.error = "the output buffer is too small for the ESP packet";
    return r;
  }
  ++s.sequence;
  put32(out.data(), s.spi);
  put32(out.data() + 4, s.sequence);
  std::copy(payload.begin(), payload.end(), out.begin() + kHeader);
  std::uint8_t* tail = out.data() + kHeader + payload.size();
  for (std::size_t i = 0; i < pad; ++i) tail[i] = static_cast<std::uint8_t>(i + 1);  // RFC 4303 2.4
  tail[pad] = static_cast<std::uint8_t>(pad);
  tail[pad + 1] = next_header;
  const std::size_t covered = size - kEspIcvSize;
  icv(set, out.first(covered), std::span<std::uint8_t, kEspIcvSize>(out.data() + covered, kEspIcvSize));
  r.size = size;
  return r;
}

EspOpened esp_open(ImsSaDatabase& db, std::span<const std::uint8_t> packet) noexcept {
  EspOpened r;
  if (packet.size() < kHeader + 2 + kEspIcvSize) {
    r.error = "shorter than an ESP header, trailer and ICV (RFC 4303 2)";
    return r;
  }
  const std::uint32_t spi = get32(packet.data());
  const SaSet* found = db.inbound(spi);
  if (!found) {
    r.error = "no inbound SA has this SPI (RFC 4303 3.4.2)";
    return r;
  }
  SaSet& set = *db.find(found->id);
  if ((r.error = unsupported(set))) return r;
  EspSa* sa = nullptr;
  for (auto& s : set.sas)
    if (s.inbound && s.spi == spi) sa = &s;
  const std::size_t covered = packet.size() - kEspIcvSize;
  std::array<std::uint8_t, kEspIcvSize> expected{};
  icv(set, packet.first(covered), expected);
  const bool icv_ok = crypto::ct::equal_bytes(expected.data(), packet.data() + covered, kEspIcvSize);
  crypto::ct::wipe_object(expected);
  if (!icv_ok) {
    r.error = "the ICV does not verify (RFC 4303 3.4.4)";
    return r;
  }
  // 3.4.3: a sequence number is new if it is above the highest accepted, or inside the window
  // and not yet seen. 0 is never sent (3.3.3).
  const std::uint32_t seq = get32(packet.data() + 4);
  const std::uint64_t top = sa->sequence;
  if (seq == 0 || (seq <= top && (top - seq >= kWindow || (sa->window >> (top - seq) & 1) != 0))) {
    r.error = seq != 0 && top - seq < kWindow ? "a replayed sequence number (RFC 4303 3.4.3)"
                                              : "a sequence number below the replay window (RFC 4303 3.4.3)";
    return r;
  }
  const std::uint8_t pad = packet[covered - 2];
  if (pad + 2u > covered - kHeader) {
    r.error = "the Pad Length runs past the payload (RFC 4303 2.4)";
    return r;
  }
  for (std::size_t i = 0; i < pad; ++i)
    if (packet[covered - 2 - pad + i] != i + 1) {
      r.error = "the padding is not 1, 2, 3, ... (RFC 4303 2.4)";
      return r;
    }
  if (seq > top) {
    sa->window = seq - top >= kWindow ? 1 : (sa->window << (seq - top)) | 1;
    sa->sequence = seq;
  } else {
    sa->window |= std::uint64_t{1} << (top - seq);
  }
  r.set = set.id;
  r.sequence = seq;
  r.next_header = packet[covered - 1];
  r.payload = packet.subspan(kHeader, covered - 2 - pad - kHeader);
  return r;
}

}  // namespace secmode::impl::engine
