# Writes build_info.cpp. The file is rewritten only when the commit (or its dirty state)
# changes, so an unchanged tree never relinks; build_time is when that commit was first built.
execute_process(COMMAND git -C ${SOURCE_DIR} rev-parse --short=12 HEAD
  OUTPUT_VARIABLE GIT_COMMIT OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET RESULT_VARIABLE rc)
if(NOT rc EQUAL 0 OR GIT_COMMIT STREQUAL "")
  set(GIT_COMMIT "unknown")
endif()
execute_process(COMMAND git -C ${SOURCE_DIR} status --porcelain --untracked-files=no
  OUTPUT_VARIABLE GIT_DIRTY OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
if(NOT GIT_DIRTY STREQUAL "")
  set(GIT_COMMIT "${GIT_COMMIT}-dirty")
endif()
set(stamp_file ${OUT}.commit)
set(previous "")
if(EXISTS ${stamp_file} AND EXISTS ${OUT})
  file(READ ${stamp_file} previous)
endif()
if(previous STREQUAL GIT_COMMIT)
  return()
endif()
# SOURCE_DATE_EPOCH (reproducible builds) is honoured by string(TIMESTAMP).
string(TIMESTAMP BUILD_TIME "%Y-%m-%dT%H:%M:%SZ" UTC)
configure_file(${IN} ${OUT} @ONLY)
file(WRITE ${stamp_file} "${GIT_COMMIT}")
