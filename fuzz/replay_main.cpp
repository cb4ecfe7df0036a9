// Stand-in for libFuzzer in ordinary builds: runs every file of the corpus folders given on
// the command line, then a fixed number of deterministic pseudo-random inputs (random bytes
// and byte-level mutations of the corpus), so each target is exercised in every ctest run.
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

int main(int argc, char** argv) {
  std::vector<std::vector<std::uint8_t>> corpus;
  for (int i = 1; i < argc; ++i)
    for (const auto& entry : std::filesystem::directory_iterator(argv[i])) {
      std::ifstream in(entry.path(), std::ios::binary);
      corpus.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
  if (corpus.empty()) {
    std::fprintf(stderr, "replay: empty corpus\n");
    return 1;
  }
  for (const auto& input : corpus) LLVMFuzzerTestOneInput(input.data(), input.size());

  std::mt19937_64 rng(0x5ec30de);
  constexpr int kRandomInputs = 20000;
  for (int i = 0; i < kRandomInputs; ++i) {
    std::vector<std::uint8_t> input = corpus[rng() % corpus.size()];
    if (i % 4 == 0) input.assign(rng() % 64, 0);  // fresh random bytes now and then
    for (auto& b : input)
      if (i % 4 == 0 || rng() % 8 == 0) b = static_cast<std::uint8_t>(rng());
    if (!input.empty() && rng() % 3 == 0) input.resize(rng() % input.size());
    LLVMFuzzerTestOneInput(input.data(), input.size());
  }
  std::printf("replay: %zu corpus inputs and %d random inputs ran clean\n", corpus.size(), kRandomInputs);
  return 0;
}
