# Durable sessions, resume, session files (issue 5).
add_executable(attune_durability_tests
  durability/replay_test.cpp
  durability/resume_test.cpp
  durability/session_file_test.cpp
  durability/store_test.cpp)
target_link_libraries(attune_durability_tests PRIVATE attune_server_lib attune_client_core attune_asio
                      SQLite::SQLite3 GTest::gtest_main)
target_include_directories(attune_durability_tests PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/e2e)
target_compile_definitions(attune_durability_tests PRIVATE ATTUNE_TEST_ASSETS="${ATTUNE_ASSETS_DIR}")
attune_target_defaults(attune_durability_tests)
gtest_discover_tests(attune_durability_tests DISCOVERY_TIMEOUT 60 PROPERTIES TIMEOUT 180)

add_test(NAME programs.kill_minus_nine_mid_game_loses_nothing
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/durability/kill_restart_test.sh
          $<TARGET_FILE:attune-server> $<TARGET_FILE:attune-bot> $<TARGET_FILE:attune-session>)
set_tests_properties(programs.kill_minus_nine_mid_game_loses_nothing PROPERTIES TIMEOUT 300)
