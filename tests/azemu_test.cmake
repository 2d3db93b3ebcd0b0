# azemu_test(NAME <exe> LABELS <labels...> SOURCES <files...>): one doctest executable, one ctest entry.
function(azemu_test)
  cmake_parse_arguments(T "" "NAME" "LABELS;SOURCES" ${ARGN})
  add_executable(${T_NAME} ${T_SOURCES})
  target_link_libraries(${T_NAME} PRIVATE azemu_test_support)
  set_target_properties(${T_NAME} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/tests)
  add_test(NAME ${T_NAME} COMMAND ${T_NAME})
  set_tests_properties(${T_NAME} PROPERTIES LABELS "${T_LABELS}")
endfunction()
