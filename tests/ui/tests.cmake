# Views drawn with no backend.
add_executable(attune_ui_tests ${CMAKE_CURRENT_LIST_DIR}/views_test.cpp ${CMAKE_CURRENT_LIST_DIR}/bidi_text_test.cpp)
target_link_libraries(attune_ui_tests PRIVATE attune_ui attune_screen_fixtures GTest::gtest_main)
target_compile_definitions(attune_ui_tests PRIVATE ATTUNE_TEST_ASSETS="${ATTUNE_ASSETS_DIR}")
attune_target_defaults(attune_ui_tests)
gtest_discover_tests(attune_ui_tests DISCOVERY_TIMEOUT 60)

# Under SDL's offscreen driver: every sample screen to PNG (attune-screens),
# then a real round hosted in-process with attune-bot joining as partner B.
add_test(NAME ui.window_renders_and_hosts_a_round
  COMMAND ${CMAKE_CURRENT_LIST_DIR}/window_test.sh $<TARGET_FILE:attune> $<TARGET_FILE:attune-bot>
          $<TARGET_FILE:attune-screens>)
# ~60 s alone (104 screenshots checked with ImageMagick, then a hosted round); slower under a sanitizer.
set_tests_properties(ui.window_renders_and_hosts_a_round PROPERTIES TIMEOUT 420)
# Under the sanitizer build, LeakSanitizer reports allocations made inside
# system libraries the window loads at run time (the software renderer and
# font stack, shown as "<unknown module>"), not by our code. Leak checking
# stays on for every other test, including the view tests above.
if(ATTUNE_SANITIZE)
  set_tests_properties(ui.window_renders_and_hosts_a_round PROPERTIES
    ENVIRONMENT "ASAN_OPTIONS=detect_leaks=0:abort_on_error=1")
endif()

# Two real windows on X displays (Xvfb), driven with xdotool through a round,
# across a kill -9 of the joining window and then of the host's window.
find_program(ATTUNE_XVFB Xvfb)
find_program(ATTUNE_XDOTOOL xdotool)
if(ATTUNE_XVFB AND ATTUNE_XDOTOOL)
  add_test(NAME ui.two_windows_survive_a_killed_window
    COMMAND ${CMAKE_CURRENT_LIST_DIR}/two_windows_test.sh $<TARGET_FILE:attune> $<TARGET_FILE:attune-session>)
  set_tests_properties(ui.two_windows_survive_a_killed_window PROPERTIES TIMEOUT 300 RUN_SERIAL TRUE)
  if(ATTUNE_SANITIZE)
    set_tests_properties(ui.two_windows_survive_a_killed_window PROPERTIES
      ENVIRONMENT "ASAN_OPTIONS=detect_leaks=0:abort_on_error=1")
  endif()
else()
  message(STATUS "Xvfb or xdotool missing: the two-window test is skipped (scripts/setup installs them)")
endif()

# Keyboard-only play and text in any script, from typing to the partner,
# the store and the JSON export (a real server on loopback).
add_executable(attune_ui_input_tests ${CMAKE_CURRENT_LIST_DIR}/input_test.cpp)
target_link_libraries(attune_ui_input_tests PRIVATE attune_ui attune_screen_fixtures attune_e2e_harness
                      GTest::gtest_main)
target_compile_definitions(attune_ui_input_tests PRIVATE ATTUNE_SESSION_BIN="$<TARGET_FILE:attune-session>")
add_dependencies(attune_ui_input_tests attune-session)
attune_target_defaults(attune_ui_input_tests)
gtest_discover_tests(attune_ui_input_tests DISCOVERY_TIMEOUT 60 PROPERTIES TIMEOUT 120)

# The baseline scripts/bench-window measures next to the window: an empty SDL
# window with the same renderer (built with the tests, run by hand).
find_package(SDL2 REQUIRED)
add_executable(attune_empty_window ${CMAKE_CURRENT_LIST_DIR}/../bench/empty_window.cpp)
target_link_libraries(attune_empty_window PRIVATE SDL2::SDL2)
attune_target_defaults(attune_empty_window)
