#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>

namespace hub::core {

// Quantiles of a latency distribution, in milliseconds.
struct LatencyQuantiles {
  double p50 = 0;
  double p95 = 0;
  double p99 = 0;
};

// Lock-free latency histogram: log-linear buckets (8 per power of two) from 1 µs to ~1 h, so
// any quantile is known to within 1/8 of its value. Recording is one relaxed atomic add.
class LatencyHistogram {
 public:
  static constexpr int kSubBuckets = 8;
  static constexpr int kOctaves = 32;  // 2^32 µs ≈ 71 min
  static constexpr int kBuckets = kSubBuckets * kOctaves;

  void record(std::chrono::nanoseconds duration) noexcept;

  [[nodiscard]] std::uint64_t count() const noexcept;
  // Quantile q in [0, 1], in milliseconds; 0 when nothing was recorded.
  [[nodiscard]] double quantile_ms(double q) const noexcept;
  // p50, p95 and p99.
  [[nodiscard]] LatencyQuantiles quantiles() const noexcept;

  [[nodiscard]] static int bucket_of(std::uint64_t micros) noexcept;
  [[nodiscard]] static std::uint64_t upper_bound_micros(int bucket) noexcept;

 private:
  std::array<std::atomic<std::uint64_t>, kBuckets> buckets_{};
};

}  // namespace hub::core
