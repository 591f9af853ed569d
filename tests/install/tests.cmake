# The installed programs, away from the source and build trees (included by
# tests/CMakeLists.txt): cmake --install into a scratch prefix, move it, then
# play a round with the installed attune-bot against the installed attune-server.
add_test(NAME install.installed_programs_play_a_round_from_a_moved_prefix
  COMMAND ${CMAKE_CURRENT_LIST_DIR}/install_test.sh ${CMAKE_COMMAND} ${CMAKE_BINARY_DIR} ${PROJECT_VERSION})
set_tests_properties(install.installed_programs_play_a_round_from_a_moved_prefix PROPERTIES TIMEOUT 240)
