// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace locality::regionalize::detail {

/** One SplitMix64 step: a well-mixed 64-bit value from any 64-bit input (Steele, Lea, Flood 2014). */
inline std::uint64_t splitmix64(std::uint64_t x) noexcept {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

/**
 * The project's one random generator (a SplitMix64 stream): every random choice in the library
 * goes through it. Written out rather than taken from <random> because std::shuffle and the
 * standard distributions are not specified bit for bit, so libstdc++ and libc++ draw different
 * values from the same engine; this class gives the same numbers with any standard library
 * (checked by the clang/libc++ CI stage, .ci/libcxx).
 */
class SeededRandom {
public:
    explicit SeededRandom(std::uint64_t seed) noexcept : m_state(seed) {}

    std::uint64_t next() noexcept {
        m_state += 0x9e3779b97f4a7c15ULL;
        return splitmix64(m_state);
    }
    /** Uniform in [0, 1): the top 53 bits as a double. */
    double uniform() noexcept { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    /** Uniform in [0, bound); bound > 0. The modulo bias is below 2^-32 for the sizes used here. */
    std::uint64_t below(std::uint64_t bound) noexcept { return next() % bound; }
    /** Fisher-Yates shuffle from the back, one below() per position (the same order everywhere). */
    template <typename T>
    void shuffle(std::vector<T>& items) noexcept {
        for (std::size_t i = items.size(); i > 1; --i) {
            std::swap(items[i - 1], items[static_cast<std::size_t>(below(i))]);
        }
    }

private:
    std::uint64_t m_state;
};

}  // namespace locality::regionalize::detail
