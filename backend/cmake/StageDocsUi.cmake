# Copies the Swagger UI files GET /docs serves from SOURCE (an installed swagger-ui-dist) into
# DEST, the textual ones with a gzip beside them (<name>.gz, served to clients that accept gzip;
# the PNG is compressed already), plus the
# package's LICENSE and NOTICE. Files already up to date are left alone. The served names are the
# ones handlers/health/docs_assets.cpp lists (docs_vendor_file_names()).
set(served swagger-ui.css swagger-ui-bundle.js favicon-32x32.png)
set(compressed swagger-ui.css swagger-ui-bundle.js)
set(kept LICENSE NOTICE package.json)

if(NOT EXISTS "${SOURCE}/swagger-ui-bundle.js")
  message(STATUS "docs-ui: Swagger UI is not installed at ${SOURCE}; GET /docs will answer 503 "
                 "(scripts/bootstrap installs it from npm)")
  return()
endif()
file(MAKE_DIRECTORY "${DEST}")
foreach(name IN LISTS served kept)
  if(NOT EXISTS "${SOURCE}/${name}")
    message(FATAL_ERROR "docs-ui: ${SOURCE}/${name} is missing: reinstall with scripts/bootstrap")
  endif()
  file(COPY_FILE "${SOURCE}/${name}" "${DEST}/${name}" ONLY_IF_DIFFERENT)
endforeach()
foreach(name IN LISTS compressed)
  if(NOT EXISTS "${DEST}/${name}.gz" OR "${DEST}/${name}" IS_NEWER_THAN "${DEST}/${name}.gz")
    file(ARCHIVE_CREATE OUTPUT "${DEST}/${name}.gz" PATHS "${DEST}/${name}"
      FORMAT raw COMPRESSION GZip COMPRESSION_LEVEL 9)
  endif()
endforeach()
