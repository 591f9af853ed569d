# The therapist's seat (issue 6): the report end to end, through Chromium.
add_test(NAME programs.host_report_keeps_private_notes_private
  COMMAND ${CMAKE_CURRENT_LIST_DIR}/report_test.sh
          $<TARGET_FILE:attune-server> $<TARGET_FILE:attune-bot> $<TARGET_FILE:attune-session>)
set_tests_properties(programs.host_report_keeps_private_notes_private PROPERTIES TIMEOUT 300)

add_executable(attune_host_tests ${CMAKE_CURRENT_LIST_DIR}/host_seat_test.cpp
                                 ${CMAKE_CURRENT_LIST_DIR}/output_secrecy_test.cpp)
target_link_libraries(attune_host_tests PRIVATE attune_e2e_harness GTest::gtest_main)
attune_target_defaults(attune_host_tests)
gtest_discover_tests(attune_host_tests DISCOVERY_TIMEOUT 60 PROPERTIES TIMEOUT 120)

# Issue 9: the couple's .attune / JSON / HTML exports through the real program.
add_test(NAME programs.couples_export_holds_no_note_and_no_kept_rating
  COMMAND ${CMAKE_CURRENT_LIST_DIR}/export_secrecy_test.sh
          $<TARGET_FILE:attune-server> $<TARGET_FILE:attune-bot> $<TARGET_FILE:attune-session>)
set_tests_properties(programs.couples_export_holds_no_note_and_no_kept_rating PROPERTIES TIMEOUT 300)
