# rbxpipe_module(NAME SOURCES ... DEPS ... PRIVATE_DEPS ...): one static library per source folder.
function(rbxpipe_module name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;PRIVATE_DEPS" ${ARGN})
  add_library(rbxpipe_${name} STATIC ${ARG_SOURCES})
  target_include_directories(rbxpipe_${name} PUBLIC ${PROJECT_SOURCE_DIR})
  target_link_libraries(rbxpipe_${name} PUBLIC ${ARG_DEPS} PRIVATE ${ARG_PRIVATE_DEPS})
  rbxpipe_set_warnings(rbxpipe_${name})
endfunction()

# rbxpipe_test(NAME SOURCES ... DEPS ...): one GoogleTest binary registered with ctest.
function(rbxpipe_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} rbxpipe_test_support GTest::gtest GTest::gmock GTest::gtest_main)
  rbxpipe_set_warnings(${name})
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60 PROPERTIES LABELS unit)
endfunction()
