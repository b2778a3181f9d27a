# Build facts for GET /version. The recording step runs on every build, so the commit is never
# stale, but rewrites build_info.cpp only when the commit or its dirty mark changes (so an
# unchanged tree never relinks). HUB_BUILD_INFO_DIRTY=OFF (the debug preset) records the commit
# alone: the dirty mark flips with the first edit after a commit and again when a change is
# reverted, and each flip would recompile build_info.cpp and relink the server in make dev's loop.
option(HUB_BUILD_INFO_DIRTY "Mark the recorded commit -dirty when the tree has uncommitted changes" ON)
set(HUB_BUILD_INFO_IN ${CMAKE_CURRENT_LIST_DIR}/build_info.cpp.in)
set(HUB_BUILD_INFO_OUT ${CMAKE_BINARY_DIR}/generated/build_info.cpp)
add_custom_target(hub_build_info_gen
  COMMAND ${CMAKE_COMMAND}
    -DIN=${HUB_BUILD_INFO_IN} -DOUT=${HUB_BUILD_INFO_OUT}
    -DSOURCE_DIR=${PROJECT_SOURCE_DIR}
    -DVERSION=${PROJECT_VERSION}
    -DCOMPILER=${CMAKE_CXX_COMPILER_ID}\ ${CMAKE_CXX_COMPILER_VERSION}
    -DBUILD_TYPE=$<CONFIG>
    -DRECORD_DIRTY=${HUB_BUILD_INFO_DIRTY}
    -P ${CMAKE_CURRENT_LIST_DIR}/WriteBuildInfo.cmake
  BYPRODUCTS ${HUB_BUILD_INFO_OUT}
  COMMENT "Recording build info")
