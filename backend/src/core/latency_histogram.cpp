#include "core/latency_histogram.hpp"

#include <algorithm>
#include <bit>
#include <cmath>

namespace hub::core {

int LatencyHistogram::bucket_of(std::uint64_t micros) noexcept {
  if (micros < kSubBuckets) {
    return static_cast<int>(micros);  // the first octave is exact: 0..7 µs
  }
  const int octave = static_cast<int>(std::bit_width(micros)) - 1;  // >= 3
  const int shift = octave - 3;                                     // keep the top 4 bits
  const auto sub = static_cast<int>((micros >> shift) & (kSubBuckets - 1));
  const int bucket = (octave - 2) * kSubBuckets + sub;
  return bucket < kBuckets ? bucket : kBuckets - 1;
}

std::uint64_t LatencyHistogram::upper_bound_micros(int bucket) noexcept {
  if (bucket < kSubBuckets) {
    return static_cast<std::uint64_t>(bucket) + 1;
  }
  const int octave = bucket / kSubBuckets + 2;
  const auto sub = static_cast<std::uint64_t>(bucket % kSubBuckets);
  const int shift = octave - 3;
  return ((static_cast<std::uint64_t>(kSubBuckets) + sub + 1) << shift);
}

void LatencyHistogram::record(std::chrono::nanoseconds duration) noexcept {
  const auto micros = static_cast<std::uint64_t>(std::max<std::int64_t>(0, duration.count() / 1000));
  buckets_[static_cast<std::size_t>(bucket_of(micros))].fetch_add(1, std::memory_order_relaxed);
}

std::uint64_t LatencyHistogram::count() const noexcept {
  std::uint64_t total = 0;
  for (const auto& b : buckets_) {
    total += b.load(std::memory_order_relaxed);
  }
  return total;
}

double LatencyHistogram::quantile_ms(double q) const noexcept {
  std::array<std::uint64_t, kBuckets> snapshot{};
  std::uint64_t total = 0;
  for (std::size_t i = 0; i < snapshot.size(); ++i) {
    snapshot[i] = buckets_[i].load(std::memory_order_relaxed);
    total += snapshot[i];
  }
  if (total == 0) {
    return 0.0;
  }
  const auto rank = static_cast<std::uint64_t>(std::ceil(q * static_cast<double>(total)));
  std::uint64_t seen = 0;
  for (std::size_t i = 0; i < snapshot.size(); ++i) {
    seen += snapshot[i];
    if (seen >= std::max<std::uint64_t>(rank, 1)) {
      return static_cast<double>(upper_bound_micros(static_cast<int>(i))) / 1000.0;
    }
  }
  return static_cast<double>(upper_bound_micros(kBuckets - 1)) / 1000.0;
}

LatencyQuantiles LatencyHistogram::quantiles() const noexcept {
  return {quantile_ms(0.50), quantile_ms(0.95), quantile_ms(0.99)};
}

}  // namespace hub::core
