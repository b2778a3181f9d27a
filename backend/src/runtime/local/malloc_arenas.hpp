#pragma once

#include <string_view>

namespace hub::runtime::local {

// glibc's malloc gives a thread that finds the arenas busy an arena of its own, up to eight per
// core, and each arena keeps the free memory of its own peaks. hub-server's threads spend their
// time waiting for storage calls, not in malloc, so two shared arenas cost no measurable
// throughput while they keep resident memory lower and flatter (docs/performance.md, Soak).
inline constexpr int kDefaultMallocArenas = 2;

// Whether the environment already chose an arena limit: MALLOC_ARENA_MAX, or
// glibc.malloc.arena_max in GLIBC_TUNABLES. A null value means the variable is not set.
[[nodiscard]] bool environment_limits_malloc_arenas(const char* malloc_arena_max, const char* glibc_tunables);

// Limits malloc to `arenas` arenas unless the environment chose already. Call first thing in
// main(), before any other thread starts. Returns the limit applied; 0 when the environment's
// choice stands, `arenas` is not positive, or the C library is not glibc.
int limit_malloc_arenas(int arenas = kDefaultMallocArenas);

// How many arenas malloc uses now (malloc_info's heaps); 0 where that is not known.
[[nodiscard]] int malloc_arena_count();

}  // namespace hub::runtime::local
