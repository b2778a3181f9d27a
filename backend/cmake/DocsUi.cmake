# The /docs page's Swagger UI files. scripts/bootstrap installs swagger-ui-dist from npm (pinned in
# tools/docs-ui/package-lock.json) into .tools/docs-ui; every build copies the files GET /docs
# serves, with a gzip of each and the package's licence, into HUB_DOCS_STAGE_DIR, which is where
# the binaries look unless HUB_DOCS_DIR says otherwise. Nothing is fetched here: without the npm
# package the build goes on and /docs answers 503.
set(HUB_DOCS_UI_SOURCE "${PROJECT_SOURCE_DIR}/../.tools/docs-ui/node_modules/swagger-ui-dist"
  CACHE PATH "The installed swagger-ui-dist package")
set(HUB_DOCS_STAGE_DIR "${CMAKE_BINARY_DIR}/share/docs-ui")
add_custom_target(hub_docs_ui ALL
  COMMAND ${CMAKE_COMMAND} -DSOURCE=${HUB_DOCS_UI_SOURCE} -DDEST=${HUB_DOCS_STAGE_DIR}
    -P ${CMAKE_CURRENT_LIST_DIR}/StageDocsUi.cmake
  COMMENT "Staging Swagger UI for /docs into ${HUB_DOCS_STAGE_DIR}"
  VERBATIM)
