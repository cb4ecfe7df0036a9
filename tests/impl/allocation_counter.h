// How many times test_impl's global operator new has run (allocation_counter.cpp replaces it
// once for the whole executable, as [new.delete] allows only once). The no-alloc tests read it
// before and after a decode.
#pragma once

#include <cstddef>

namespace secmode::test {

std::size_t allocations() noexcept;

}  // namespace secmode::test
