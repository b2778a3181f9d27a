# Build facts for GET /version, captured at configure time (re-run on every build so the
# commit is never stale).
set(HUB_BUILD_INFO_IN ${CMAKE_CURRENT_LIST_DIR}/build_info.cpp.in)
set(HUB_BUILD_INFO_OUT ${CMAKE_BINARY_DIR}/generated/build_info.cpp)
add_custom_target(hub_build_info_gen
  COMMAND ${CMAKE_COMMAND}
    -DIN=${HUB_BUILD_INFO_IN} -DOUT=${HUB_BUILD_INFO_OUT}
    -DSOURCE_DIR=${PROJECT_SOURCE_DIR}
    -DVERSION=${PROJECT_VERSION}
    -DCOMPILER=${CMAKE_CXX_COMPILER_ID}\ ${CMAKE_CXX_COMPILER_VERSION}
    -DBUILD_TYPE=$<CONFIG>
    -P ${CMAKE_CURRENT_LIST_DIR}/WriteBuildInfo.cmake
  BYPRODUCTS ${HUB_BUILD_INFO_OUT}
  COMMENT "Recording build info")
