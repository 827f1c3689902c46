# Finds every third-party library rbxpipe uses; all of them are Debian 12 packages (see the README's table).
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)

find_package(CURL REQUIRED)
find_package(Boost 1.74 REQUIRED COMPONENTS filesystem)   # Boost.Process is header-only but links Boost.Filesystem
find_package(LibArchive REQUIRED)
# libzip-dev's CMake package insists on the zipcmp tools; pkg-config needs only the library.
find_package(nlohmann_json 3.10 CONFIG REQUIRED)
find_package(TBB CONFIG REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(OpenSSL REQUIRED)
find_package(ZLIB REQUIRED)
find_package(zstd CONFIG REQUIRED)
find_package(CLI11 CONFIG REQUIRED)
find_package(pugixml CONFIG REQUIRED)
find_package(tomlplusplus CONFIG REQUIRED)
find_package(yaml-cpp CONFIG REQUIRED)

pkg_check_modules(LIBZIP REQUIRED IMPORTED_TARGET libzip)
pkg_check_modules(LZ4 REQUIRED IMPORTED_TARGET liblz4)
pkg_check_modules(STB REQUIRED IMPORTED_TARGET stb)
pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)

if(RBXPIPE_BUILD_TESTS)
  find_package(GTest CONFIG REQUIRED)
endif()
if(RBXPIPE_BUILD_BENCH)
  find_package(benchmark CONFIG REQUIRED)
endif()

# zstd's package names its target differently across versions.
if(TARGET zstd::libzstd_shared AND NOT TARGET zstd::zstd)
  add_library(zstd::zstd ALIAS zstd::libzstd_shared)
endif()
