// The PDU framing of the oracle fuzz targets (oracle_nas.cpp, oracle_as.cpp): from `at` on, each
// PDU is one octet (bit 8: uplink; bits 7..1: its length, cut to what is left) and that many octets.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>

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
