# Flags live on INTERFACE targets: every project target links hub::options and hub::warnings,
# nothing is set globally, so third-party code is compiled with its own flags.

add_library(hub_warnings INTERFACE)
add_library(hub::warnings ALIAS hub_warnings)
target_compile_options(hub_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Werror
  # -Wnull-dereference is left out: GCC 12 raises it falsely inside Asio and std::shared_ptr at -O2.
  -Wshadow -Wconversion -Wsign-conversion -Wold-style-cast -Wnon-virtual-dtor
  -Woverloaded-virtual -Wdouble-promotion -Wformat=2
  -Wimplicit-fallthrough -Wcast-align -Wunused -Wmisleading-indentation)

add_library(hub_options INTERFACE)
add_library(hub::options ALIAS hub_options)
target_compile_features(hub_options INTERFACE cxx_std_20)
target_compile_definitions(hub_options INTERFACE
  BOOST_ASIO_NO_DEPRECATED
  BOOST_JSON_NO_LIB)

option(HUB_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
if(HUB_SANITIZE)
  target_compile_options(hub_options INTERFACE
    -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
  target_link_options(hub_options INTERFACE -fsanitize=address,undefined)
endif()

option(HUB_COVERAGE "Build with coverage instrumentation (gcov)" OFF)
if(HUB_COVERAGE)
  # Atomic counters: the servers and the AWS client count from several threads at once.
  target_compile_options(hub_options INTERFACE --coverage -fprofile-update=atomic -O0 -g)
  target_link_options(hub_options INTERFACE --coverage)
endif()

# What is deployed to Lambda is sized as well as optimised: a function zip must stay under 1 MB,
# and the smaller the binary the fewer pages a cold start reads. Link-time optimisation
# (CMAKE_INTERPROCEDURAL_OPTIMIZATION in the release preset) and section garbage collection drop
# the code no entry point reaches.
option(HUB_SIZE_OPTIMISED "Per-function sections and --gc-sections (the release preset)" OFF)
if(HUB_SIZE_OPTIMISED)
  target_compile_options(hub_options INTERFACE -ffunction-sections -fdata-sections)
  target_link_options(hub_options INTERFACE -Wl,--gc-sections -Wl,-O1)
endif()

option(HUB_CLANG_TIDY "Run clang-tidy on every project source while compiling" OFF)
if(HUB_CLANG_TIDY)
  find_program(CLANG_TIDY_EXE NAMES clang-tidy REQUIRED)
  set(HUB_CLANG_TIDY_COMMAND ${CLANG_TIDY_EXE} --quiet --warnings-as-errors=*)
endif()

find_program(CCACHE_EXE ccache)
if(CCACHE_EXE)
  set(CMAKE_CXX_COMPILER_LAUNCHER ${CCACHE_EXE})
endif()

# The linker. Empty: the compiler's default (GNU ld). The debug preset asks for mold, which links
# hub-server in a fraction of the time GNU ld takes, so that make dev restarts quickly after a save;
# a linker that is not installed falls back to the default with a warning (scripts/bootstrap
# installs mold).
set(HUB_LINKER "" CACHE STRING "Linker for -fuse-ld= (mold, lld, gold); empty for the default")
if(HUB_LINKER)
  find_program(HUB_LINKER_EXE NAMES ld.${HUB_LINKER} ${HUB_LINKER})
  if(HUB_LINKER_EXE)
    target_link_options(hub_options INTERFACE -fuse-ld=${HUB_LINKER})
  else()
    message(WARNING "HUB_LINKER=${HUB_LINKER}: ld.${HUB_LINKER} not found (scripts/bootstrap installs mold); "
                    "linking with the default linker")
  endif()
endif()

# Precompiled headers (the debug preset): the third-party headers nearly every source parses
# (the standard library, Boost.JSON, fmt) are compiled once per layer instead of once per source
# (a handler compiles in ~1.4 s instead of ~2.2 s at -O0). hub_layer() applies them. ccache caches
# such compiles only when told to trust the PCH (sloppiness), and its depend mode keeps a cache
# miss, which is every real edit, from running the preprocessor before the compiler (~0.8 s for a
# Boost-heavy source): the dependencies come from the compiler's own -MD output instead.
option(HUB_PRECOMPILED_HEADERS "Precompile the heavy third-party headers of every layer" OFF)
set(HUB_PRECOMPILED_HEADER_LIST
  <algorithm> <chrono> <functional> <map> <memory> <optional> <string> <string_view> <unordered_map>
  <utility> <variant> <vector>
  <boost/json.hpp> <fmt/format.h>)
if(HUB_PRECOMPILED_HEADERS AND CCACHE_EXE)
  set(CMAKE_CXX_COMPILER_LAUNCHER
    env CCACHE_SLOPPINESS=pch_defines,time_macros,include_file_mtime,include_file_ctime CCACHE_DEPEND=true
    ${CCACHE_EXE})
endif()

# Thin static libraries (the debug preset): an archive that names its objects instead of copying
# them, so that relinking after a one-file change does not rewrite a layer's archive of debug
# objects (~0.5 s for the handlers). Only for trees that are never installed or packaged.
option(HUB_THIN_ARCHIVES "Static libraries as thin archives (references to the object files)" OFF)
if(HUB_THIN_ARCHIVES)
  set(CMAKE_CXX_ARCHIVE_CREATE "<CMAKE_AR> qcT <TARGET> <LINK_FLAGS> <OBJECTS>")
  set(CMAKE_CXX_ARCHIVE_APPEND "<CMAKE_AR> qT <TARGET> <LINK_FLAGS> <OBJECTS>")
endif()
