// What the oracle fuzz targets share (oracle_nas.cpp, oracle_as.cpp, check_trace.cpp): the PDU
// framing of their binary inputs, and what every verdict must hold whatever the input.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <vector>

#include "oracle/verdict.h"

// From `at` on, each PDU is one octet (bit 8: uplink; bits 7..1: its length, cut to what is left)
// and that many octets.
template <class Judge>
void for_each_pdu(const std::uint8_t* data, std::size_t size, std::size_t at, Judge&& judge) {
  std::size_t step = 1;
  while (at < size) {
    const bool uplink = (data[at] & 0x80) != 0;
    const std::size_t n = std::min<std::size_t>(data[at] & 0x7f, size - at - 1);
    ++at;
    judge(++step, uplink, std::span<const std::uint8_t>(data + at, n));
    at += n;
  }
}

// Every verdict names its party and clause, what was expected, and a step of the trace; else abort.
inline void require_well_formed(const std::vector<secmode::oracle::Verdict>& verdicts) {
  for (const auto& v : verdicts)
    if ((v.party != "ue" && v.party != "network") || v.clause.empty() || v.expected.empty() || v.step == 0)
      std::abort();
}
