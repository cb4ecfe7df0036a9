#include "impl/engine/ims_sa_database.h"

#include <algorithm>
#include <string_view>

#include "impl/crypto/ct.h"
#include "impl/crypto/kdf.h"

namespace secmode::impl::engine {

namespace {

// The salt: the 32 least significant bits of KDF(CK_IM || IK_IM, FC, P0 = label) (Annex I).
void salt(std::uint8_t fc, std::string_view label, std::span<const std::uint8_t, 16> ik_im,
          std::span<const std::uint8_t, 16> ck_im, std::array<std::uint8_t, 4>& out) noexcept {
  std::array<std::uint8_t, 32> key{}, derived{};
  std::copy(ck_im.begin(), ck_im.end(), key.begin());
  std::copy(ik_im.begin(), ik_im.end(), key.begin() + 16);
  const std::span<const std::uint8_t> p0(reinterpret_cast<const std::uint8_t*>(label.data()), label.size());
  const std::array<std::span<const std::uint8_t>, 1> params{p0};
  crypto::derive(key, fc, params, derived);
  std::copy(derived.end() - 4, derived.end(), out.begin());
  crypto::ct::wipe_object(key);
  crypto::ct::wipe_object(derived);
}

}  // namespace

void expand_esp_keys(const EspMechanism& m, std::span<const std::uint8_t, 16> ik_im,
                     std::span<const std::uint8_t, 16> ck_im, EspKeys& out) noexcept {
  crypto::ct::wipe_object(out);
  std::copy(ik_im.begin(), ik_im.end(), out.ik.begin());
  out.ik_size = 16;
  using sip::EncryptionAlgorithm;
  using sip::IntegrityAlgorithm;
  if (m.alg == IntegrityAlgorithm::hmac_sha_1_96) out.ik_size = 20;  // the 32 zero bits are already there
  if (m.alg == IntegrityAlgorithm::aes_gmac) salt(0x58, "AES_GMAC_SALT", ik_im, ck_im, out.salt);
  if (m.alg == IntegrityAlgorithm::null) out.ik_size = 0;
  if (!m.ealg || *m.ealg == EncryptionAlgorithm::null) return;
  std::copy(ck_im.begin(), ck_im.end(), out.ck.begin());
  out.ck_size = 16;
  if (*m.ealg == EncryptionAlgorithm::aes_gcm) salt(0x59, "AES_GCM_SALT", ik_im, ck_im, out.salt);
  if (*m.ealg == EncryptionAlgorithm::des_ede3_cbc) {
    std::copy(ck_im.begin(), ck_im.begin() + 8, out.ck.begin() + 16);
    out.ck_size = 24;
  }
}

std::array<EspSa, 4> sas_between(const SecParams& local, const SecParams& remote) noexcept {
  return {EspSa{local.spi_c, true, local.port_c, remote.port_s}, EspSa{local.spi_s, true, local.port_s, remote.port_c},
          EspSa{remote.spi_s, false, local.port_c, remote.port_s},
          EspSa{remote.spi_c, false, local.port_s, remote.port_c}};
}

ImsSaDatabase::~ImsSaDatabase() { crypto::ct::wipe_object(sets_); }

bool ImsSaDatabase::add(const SaSet& set) noexcept {
  if (set.id == 0 || find(set.id) != nullptr) return false;
  for (std::size_t i = 0; i < set.sas.size(); ++i) {
    const EspSa& sa = set.sas[i];
    if (holds(sa.spi, sa.inbound)) return false;
    for (std::size_t j = 0; j < i; ++j)
      if (set.sas[j].spi == sa.spi && set.sas[j].inbound == sa.inbound) return false;
  }
  for (std::size_t i = 0; i < kCapacity; ++i)
    if (!used_[i]) {
      sets_[i] = set;
      used_[i] = true;
      return true;
    }
  return false;
}

bool ImsSaDatabase::remove(std::uint32_t id) noexcept {
  for (std::size_t i = 0; i < kCapacity; ++i)
    if (used_[i] && sets_[i].id == id) {
      crypto::ct::wipe_object(sets_[i]);
      used_[i] = false;
      return true;
    }
  return false;
}

SaSet* ImsSaDatabase::find(std::uint32_t id) noexcept {
  for (std::size_t i = 0; i < kCapacity; ++i)
    if (used_[i] && sets_[i].id == id) return &sets_[i];
  return nullptr;
}

const SaSet* ImsSaDatabase::find(std::uint32_t id) const noexcept { return const_cast<ImsSaDatabase*>(this)->find(id); }

SaSet* ImsSaDatabase::with_role(SaRole role) noexcept {
  for (std::size_t i = 0; i < kCapacity; ++i)
    if (used_[i] && sets_[i].role == role) return &sets_[i];
  return nullptr;
}

const SaSet* ImsSaDatabase::with_role(SaRole role) const noexcept {
  return const_cast<ImsSaDatabase*>(this)->with_role(role);
}

const SaSet* ImsSaDatabase::inbound(std::uint32_t spi) const noexcept {
  for (std::size_t i = 0; i < kCapacity; ++i)
    if (used_[i])
      for (const auto& sa : sets_[i].sas)
        if (sa.inbound && sa.spi == spi) return &sets_[i];
  return nullptr;
}

bool ImsSaDatabase::holds(std::uint32_t spi, bool inbound) const noexcept {
  for (std::size_t i = 0; i < kCapacity; ++i)
    if (used_[i] && std::any_of(sets_[i].sas.begin(), sets_[i].sas.end(),
                                [&](const EspSa& sa) { return sa.spi == spi && sa.inbound == inbound; }))
      return true;
  return false;
}

std::size_t ImsSaDatabase::size() const noexcept {
  return static_cast<std::size_t>(std::count(used_.begin(), used_.end(), true));
}

}  // namespace secmode::impl::engine
