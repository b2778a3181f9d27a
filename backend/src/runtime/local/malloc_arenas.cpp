#include "runtime/local/malloc_arenas.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace hub::runtime::local {

bool environment_limits_malloc_arenas(const char* malloc_arena_max, const char* glibc_tunables) {
  if (malloc_arena_max != nullptr && *malloc_arena_max != '\0') return true;
  if (glibc_tunables == nullptr) return false;
  // GLIBC_TUNABLES=name=value:name=value
  const std::string_view tunables = glibc_tunables;
  std::size_t start = 0;
  while (start <= tunables.size()) {
    const auto end = std::min(tunables.find(':', start), tunables.size());
    if (tunables.substr(start, end - start).starts_with("glibc.malloc.arena_max=")) return true;
    start = end + 1;
  }
  return false;
}

int limit_malloc_arenas(int arenas) {
#if defined(__GLIBC__)
  // NOLINTBEGIN(concurrency-mt-unsafe): called before any other thread exists
  if (arenas <= 0 ||
      environment_limits_malloc_arenas(std::getenv("MALLOC_ARENA_MAX"), std::getenv("GLIBC_TUNABLES"))) {
    return 0;
  }
  // NOLINTEND(concurrency-mt-unsafe)
  return mallopt(M_ARENA_MAX, arenas) == 1 ? arenas : 0;
#else
  (void)arenas;
  return 0;
#endif
}

int malloc_arena_count() {
#if defined(__GLIBC__)
  char* text = nullptr;
  std::size_t size = 0;
  FILE* out = open_memstream(&text, &size);
  if (out == nullptr) return 0;
  const bool written = malloc_info(0, out) == 0;
  (void)std::fclose(out);
  int heaps = 0;
  if (written) {
    const std::string_view xml(text, size);
    for (auto at = xml.find("<heap nr="); at != std::string_view::npos; at = xml.find("<heap nr=", at + 1))
      ++heaps;
  }
  std::free(text);  // NOLINT(cppcoreguidelines-no-malloc): open_memstream's buffer
  return heaps;
#else
  return 0;
#endif
}

}  // namespace hub::runtime::local
