# Durable sessions, resume, session files (issue 5).
add_executable(attune_durability_tests
  durability/cards_memory_test.cpp
  durability/content_once_test.cpp
  durability/faults_test.cpp
  durability/hostile_files_test.cpp
  durability/replay_test.cpp
  durability/resume_test.cpp
  durability/session_file_test.cpp
  durability/store_test.cpp)
target_link_libraries(attune_durability_tests PRIVATE attune_e2e_harness SQLite::SQLite3 GTest::gtest_main)
attune_target_defaults(attune_durability_tests)
gtest_discover_tests(attune_durability_tests DISCOVERY_TIMEOUT 60 PROPERTIES TIMEOUT 180)

add_test(NAME programs.kill_minus_nine_mid_game_loses_nothing
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/durability/kill_restart_test.sh
          $<TARGET_FILE:attune-server> $<TARGET_FILE:attune-bot> $<TARGET_FILE:attune-session>)
set_tests_properties(programs.kill_minus_nine_mid_game_loses_nothing PROPERTIES TIMEOUT 300)

# Fuzzing the files the replay viewer opens (issue 13): session files and
# hindsight sidecars. The corpora replay as ordinary tests in every build;
# the libFuzzer targets are built with clang and -DATTUNE_FUZZ=ON.
add_library(attune_fuzz_files STATIC fuzz/files_to_replay.cpp)
target_link_libraries(attune_fuzz_files PUBLIC attune_client_core)
attune_target_defaults(attune_fuzz_files)

add_executable(attune_fuzz_file_corpus_tests fuzz/file_corpus_test.cpp)
target_link_libraries(attune_fuzz_file_corpus_tests PRIVATE attune_fuzz_files GTest::gtest_main)
target_compile_definitions(attune_fuzz_file_corpus_tests PRIVATE
  ATTUNE_FUZZ_DIR="${CMAKE_CURRENT_SOURCE_DIR}/fuzz")
attune_target_defaults(attune_fuzz_file_corpus_tests)
# The 1 MB snapshot-bomb seed cut 200 ways takes ~20 s alone, minutes under a sanitizer on a busy machine.
gtest_discover_tests(attune_fuzz_file_corpus_tests DISCOVERY_TIMEOUT 60 PROPERTIES TIMEOUT 400)

add_executable(attune_fuzz_file_seeds fuzz/write_file_seeds.cpp)
target_link_libraries(attune_fuzz_file_seeds PRIVATE attune_shared)
attune_target_defaults(attune_fuzz_file_seeds)

if(ATTUNE_FUZZ)
  foreach(kind session hindsight)
    add_executable(attune_fuzz_${kind} fuzz/${kind}_fuzz.cpp)
    target_link_libraries(attune_fuzz_${kind} PRIVATE attune_fuzz_files)
    target_link_options(attune_fuzz_${kind} PRIVATE -fsanitize=fuzzer)
    attune_target_defaults(attune_fuzz_${kind})
  endforeach()
endif()
