# eddy_add_test(NAME SOURCES a.cpp b.cpp LIBS lib...): one GoogleTest binary, its tests registered
# with CTest one by one.
function(eddy_add_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_LIBS} GTest::gtest GTest::gmock GTest::gtest_main)
  target_compile_definitions(${name} PRIVATE EDDY_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
                                             EDDY_BINARY_DIR="${PROJECT_BINARY_DIR}")
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60 PROPERTIES TIMEOUT 120)
endfunction()

# eddy_add_benchmark(NAME SOURCES ... LIBS ...): one Google Benchmark binary in perf/.
function(eddy_add_benchmark name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_LIBS} benchmark::benchmark)
endfunction()
