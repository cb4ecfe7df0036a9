// What the EPS and 5GS NAS security mode control engines differ in, for the UE and network sides
// they share (nas_smc_ue.h, nas_smc_network.h): where a protected PDU keeps its header type, SN and message type
// (TS 24.301 9.1, 9.3.1; TS 24.501 9.1.1, 9.3), the codec of the messages the procedure reads and
// writes, and the clauses and names its verdicts cite. Nothing here allocates.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "impl/codec/nas_5gs.h"
#include "impl/codec/nas_eps.h"
#include "impl/engine/message_security.h"
#include "impl/engine/nas_context.h"

namespace secmode::impl::engine {

// What a command replays from an initial request (TS 24.301 5.4.3.2, 5.4.3.3; TS 24.501 5.4.2.2,
// 5.4.2.3), as both ends read it.
struct ReplayedCapabilities {
  std::array<std::uint8_t, 8> caps{};  // as a command replays them and the UE compares them
  std::size_t caps_size = 0;
  std::optional<nas::UeAdditionalSecurityCapability> additional;  // EPS only
  std::optional<std::uint32_t> nonce_ue;                          // EPS TAU only
  bool emergency = false;
};

// What a SECURITY MODE COMMAND says, as a network builds it and a UE reads it.
struct CommandFields {
  std::uint8_t ksi = 0, eea = 0, eia = 0;
  bool mapped = false;  // the KSI's type of security context flag
  ByteView caps;        // replayed UE security capabilities, as a UE compares them (EPS: normalized)
  std::array<std::uint8_t, 8> caps_storage{};
  std::optional<nas::UeAdditionalSecurityCapability> additional;
  std::optional<std::uint32_t> nonce_ue;
  bool imeisv_request = false;
  bool horizontal = false, rinmr = false;  // 5GS: K_AMF_change_flag, RINMR
};

// What the network keeps of a SECURITY MODE COMPLETE.
struct CompleteFields {
  std::optional<std::array<std::uint8_t, 9>> imeisv;
  bool initial_message = false;  // 5GS: the NAS message container returned the initial request
};

struct EpsNasWire {
  using HeaderType = nas::SecurityHeaderType;
  static constexpr SecurityProfile profile = kEpsNas;
  static constexpr std::size_t header_size = 6;             // TS 24.301 table 8.2.23.1
  static constexpr std::size_t type_offset = 1;             // of the message type in a plain EMM message
  static constexpr bool horizontal_derivation = false;      // no K'_ASME in an SMC
  static constexpr bool initial_message_container = false;  // no RINMR
  static constexpr const char* timer = "T3460";
  // Clauses of TS 24.301 the network side cites.
  static constexpr const char* c_header = "TS 24.301 7.2";
  static constexpr const char* c_integrity = "TS 24.301 4.4.4.3";
  static constexpr const char* c_initial_protection = "TS 24.301 4.4.5";
  static constexpr const char* c_syntax = "TS 24.301 7";
  static constexpr const char* c_start = "TS 24.301 5.4.3.2";
  static constexpr const char* c_collision = "TS 24.301 5.4.3.7 c";
  static constexpr const char* c_timer = "TS 24.301 5.4.3.7";
  static constexpr const char* c_abort = "TS 24.301 5.4.3.7 b";
  static constexpr const char* c_algorithms = "TS 24.301 9.9.3.23";
  static constexpr const char* c_encode = "TS 24.301 8.2.20";
  static constexpr const char* c_protect = "TS 24.301 9.1";
  static constexpr const char* c_reject = "TS 24.301 5.4.3.5";
  static constexpr const char* c_complete = "TS 24.301 5.4.3.4";
  static constexpr const char* c_replay = "TS 24.301 4.4.3.2";
  static constexpr const char* c_ue_integrity = "TS 24.301 4.4.4.2";
  static constexpr const char* c_accept = "TS 24.301 5.4.3.3";
  static constexpr const char* c_header_types = "TS 24.301 9.3.1";
  static constexpr const char* c_reject_integrity = "TS 24.301 5.4.3.5, 4.4.4.2";
  static constexpr const char* c_reject_header = "TS 24.301 5.4.3.5, 9.3.1";
  static constexpr const char* c_reject_capabilities = "TS 24.301 5.4.3.5, 5.4.3.3";
  static constexpr const char* c_reject_nonce = "TS 24.301 5.4.3.5, 5.4.3.3 (nonceUE)";
  static constexpr const char* c_reject_unsupported = "TS 24.301 5.4.3.5, TS 33.401 5.1.3.2";
  static constexpr const char* c_reject_null_integrity = "TS 24.301 5.4.3.5, 5.4.3.3 (EIA0)";
  static constexpr const char* null_integrity_refused = "EIA0 only for emergency bearer services";
  static constexpr const char* no_context = "no EPS security context with a key under that eKSI";

  static std::uint8_t header_type(ByteView pdu) { return pdu[0] >> 4; }
  static codec::Decoded<nas::SecurityProtectedMessage> decode_protected(ByteView pdu) {
    return nas::decode_security_protected(pdu);
  }
  static ByteView body(const nas::SecurityProtectedMessage& m) { return m.nas_message; }
  // ATTACH or TRACKING AREA UPDATE REQUEST; `why` says why not, `offset` where.
  static std::optional<ReplayedCapabilities> read_initial(ByteView plain, const char*& why, std::size_t& offset);
  static codec::Encoded encode_command(const CommandFields& c, std::span<std::uint8_t> out);
  static std::optional<CompleteFields> read_complete(ByteView plain, const char*& why, std::size_t& offset);
  static const char* read_reject(ByteView plain, std::size_t& offset);  // nullptr if it decodes
  // The UE's side: a command read (nullptr, or why not and where), its answers written.
  static const char* read_command(ByteView plain, CommandFields& c, std::size_t& offset);
  static codec::Encoded encode_complete(const std::array<std::uint8_t, 9>* imeisv, ByteView initial,
                                        std::span<std::uint8_t> out);
  static codec::Encoded encode_reject(std::uint8_t cause, std::span<std::uint8_t> out);
};

struct FivegsNasWire {
  using HeaderType = nas5gs::SecurityHeaderType;
  static constexpr SecurityProfile profile = kFivegsNas;
  static constexpr std::size_t header_size = 7;            // TS 24.501 table 8.2.28.1.1
  static constexpr std::size_t type_offset = 2;            // EPD, security header type, message type
  static constexpr bool horizontal_derivation = true;      // K'_AMF, TS 33.501 6.9.3
  static constexpr bool initial_message_container = true;  // RINMR, TS 24.501 5.4.2.2
  static constexpr const char* timer = "T3560";
  static constexpr const char* c_header = "TS 24.501 7.2";
  static constexpr const char* c_integrity = "TS 24.501 4.4.4.3";
  static constexpr const char* c_initial_protection = "TS 24.501 4.4.6";
  static constexpr const char* c_syntax = "TS 24.501 7";
  static constexpr const char* c_start = "TS 24.501 5.4.2.2";
  static constexpr const char* c_collision = "TS 24.501 5.4.2.7 c";
  static constexpr const char* c_timer = "TS 24.501 5.4.2.7";
  static constexpr const char* c_abort = "TS 24.501 5.4.2.7 b";
  static constexpr const char* c_algorithms = "TS 24.501 9.11.3.34";
  static constexpr const char* c_encode = "TS 24.501 8.2.25";
  static constexpr const char* c_protect = "TS 24.501 9.1.1";
  static constexpr const char* c_reject = "TS 24.501 5.4.2.5";
  static constexpr const char* c_complete = "TS 24.501 5.4.2.4";
  static constexpr const char* c_replay = "TS 24.501 4.4.3.2";
  static constexpr const char* c_ue_integrity = "TS 24.501 4.4.4.2";
  static constexpr const char* c_accept = "TS 24.501 5.4.2.3";
  static constexpr const char* c_header_types = "TS 24.501 9.3";
  static constexpr const char* c_reject_integrity = "TS 24.501 5.4.2.5, 4.4.4.2";
  static constexpr const char* c_reject_header = "TS 24.501 5.4.2.5, 9.3";
  static constexpr const char* c_reject_capabilities = "TS 24.501 5.4.2.5, 5.4.2.3";
  static constexpr const char* c_reject_nonce = "";  // no nonces in 5GS
  static constexpr const char* c_reject_unsupported = "TS 24.501 5.4.2.5, TS 33.501 5.11.1.1";
  static constexpr const char* c_reject_null_integrity = "TS 24.501 5.4.2.5, 5.4.2.3 (NIA0)";
  static constexpr const char* null_integrity_refused = "5G-IA0 only for emergency services";
  static constexpr const char* no_context = "no 5G NAS security context with a key under that ngKSI";

  static std::uint8_t header_type(ByteView pdu) { return pdu.size() >= 2 ? pdu[1] & 0x0f : 0; }
  static codec::Decoded<nas5gs::SecurityProtectedMessage> decode_protected(ByteView pdu) {
    return nas5gs::decode_security_protected(pdu);
  }
  static ByteView body(const nas5gs::SecurityProtectedMessage& m) { return m.plain_nas_message; }
  // REGISTRATION REQUEST.
  static std::optional<ReplayedCapabilities> read_initial(ByteView plain, const char*& why, std::size_t& offset);
  static codec::Encoded encode_command(const CommandFields& c, std::span<std::uint8_t> out);
  static std::optional<CompleteFields> read_complete(ByteView plain, const char*& why, std::size_t& offset);
  static const char* read_reject(ByteView plain, std::size_t& offset);
  static const char* read_command(ByteView plain, CommandFields& c, std::size_t& offset);
  // `initial` empty: no NAS message container.
  static codec::Encoded encode_complete(const std::array<std::uint8_t, 9>* imeisv, ByteView initial,
                                        std::span<std::uint8_t> out);
  static codec::Encoded encode_reject(std::uint8_t cause, std::span<std::uint8_t> out);
};

}  // namespace secmode::impl::engine
