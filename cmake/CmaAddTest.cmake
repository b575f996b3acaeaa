# cma_add_test(<name> SOURCES ... LABELS ... [LIBS ...] [TIMEOUT s] [WRAPPER cmd...])
# One executable per class or feature. Every test runs with a private HOME, CODEX_HOME and
# CODEX_MULTI_AUTH_DIR (scripts/test-env creates them fresh for each run), so no test sees a
# real home folder.
function(cma_add_test name)
    cmake_parse_arguments(T "" "TIMEOUT" "SOURCES;LABELS;LIBS;WRAPPER" ${ARGN})
    add_executable(${name} ${T_SOURCES})
    target_link_libraries(${name} PRIVATE cma_common cma_testsupport Qt6::Test ${T_LIBS})
    # Test data by absolute path: QFINDTESTDATA leans on __FILE__, which a compiler cache may make relative.
    target_compile_definitions(${name} PRIVATE CMA_TEST_DATA_DIR="${CMAKE_SOURCE_DIR}/tests/data")
    if(NOT T_TIMEOUT)
        set(T_TIMEOUT 120)
    endif()
    add_test(NAME ${name}
             COMMAND ${CMAKE_SOURCE_DIR}/scripts/test-env ${T_WRAPPER} $<TARGET_FILE:${name}>)
    set_tests_properties(${name} PROPERTIES LABELS "${T_LABELS}" TIMEOUT ${T_TIMEOUT}
        ENVIRONMENT "CMA_BINARY_DIR=${CMAKE_BINARY_DIR};CMA_SOURCE_DIR=${CMAKE_SOURCE_DIR};QT_QPA_PLATFORM=offscreen")
endfunction()
