# Every dependency comes from Debian's packages (scripts/bootstrap installs them).
find_package(Boost 1.81 REQUIRED CONFIG COMPONENTS json)
find_package(fmt REQUIRED CONFIG)
find_package(Threads REQUIRED)
find_package(OpenSSL 3 REQUIRED)
find_package(CURL 7.88 REQUIRED)
find_package(ZLIB REQUIRED)
