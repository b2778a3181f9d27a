# One CMake target per layer. A layer sees only its own headers and those of the layers it
# links: each layer's include root is a staging folder holding one link, <layer> -> src/<layer>,
# so `#include "http/router.hpp"` from core finds no such file and the build fails.

set(HUB_SRC_DIR ${PROJECT_SOURCE_DIR}/src)
set(HUB_STAGE_DIR ${CMAKE_BINARY_DIR}/layer-include)

# hub_layer(<name> [PATH <dir under src>] SOURCES ... [DEPS <layers and libraries>])
function(hub_layer name)
  cmake_parse_arguments(ARG "" "PATH" "SOURCES;DEPS" ${ARGN})
  if(NOT ARG_PATH)
    set(ARG_PATH ${name})
  endif()
  string(REPLACE "/" "_" target_suffix ${ARG_PATH})
  set(target hub_${target_suffix})
  set(stage ${HUB_STAGE_DIR}/${target_suffix})
  get_filename_component(link_parent ${stage}/${ARG_PATH} DIRECTORY)
  file(MAKE_DIRECTORY ${link_parent})
  file(CREATE_LINK ${HUB_SRC_DIR}/${ARG_PATH} ${stage}/${ARG_PATH} SYMBOLIC)

  add_library(${target} STATIC ${ARG_SOURCES})
  add_library(hub::${target_suffix} ALIAS ${target})
  target_include_directories(${target} PUBLIC $<BUILD_INTERFACE:${stage}>)
  target_link_libraries(${target} PUBLIC ${ARG_DEPS} hub::options PRIVATE hub::warnings)
  if(HUB_CLANG_TIDY_COMMAND)
    set_target_properties(${target} PROPERTIES CXX_CLANG_TIDY "${HUB_CLANG_TIDY_COMMAND}")
  endif()
endfunction()

# hub_executable(<name> SOURCES ... DEPS ...)
function(hub_executable name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} hub::options hub::warnings)
  if(HUB_CLANG_TIDY_COMMAND)
    set_target_properties(${name} PROPERTIES CXX_CLANG_TIDY "${HUB_CLANG_TIDY_COMMAND}")
  endif()
endfunction()
