# libFuzzer builds (the fuzz preset; backend/fuzz, docs/quality.md). Every project source is
# instrumented for coverage-guided fuzzing and checked by AddressSanitizer and UBSan; the
# harnesses alone link libFuzzer's main (-fsanitize=fuzzer, backend/fuzz/CMakeLists.txt).
# libFuzzer is clang's: Debian's clang-16 with libclang-rt-16-dev (scripts/bootstrap).
option(HUB_BUILD_FUZZ "Build the libFuzzer harnesses (clang only)" OFF)
if(HUB_BUILD_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "HUB_BUILD_FUZZ needs clang (libFuzzer): configure with the fuzz preset")
  endif()
  if(HUB_SANITIZE OR HUB_COVERAGE)
    message(FATAL_ERROR "HUB_BUILD_FUZZ brings its own instrumentation; leave HUB_SANITIZE and HUB_COVERAGE off")
  endif()
  # Every sanitizer report ends the run, so libFuzzer saves the input as a crash artifact.
  target_compile_options(hub_options INTERFACE
    -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  target_link_options(hub_options INTERFACE -fsanitize=address,undefined)
endif()
