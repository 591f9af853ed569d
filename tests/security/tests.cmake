# Security: CPace vectors, device keys on disk, TLS 1.3, pairing, hardening.
add_executable(attune_security_tests
  security/cpace_test.cpp
  security/discovery_test.cpp
  security/keys_test.cpp
  security/secrets_test.cpp
  security/tls_test.cpp
  security/trust_test.cpp)
target_link_libraries(attune_security_tests PRIVATE attune_e2e_harness GTest::gtest_main)
attune_target_defaults(attune_security_tests)
gtest_discover_tests(attune_security_tests DISCOVERY_TIMEOUT 60 PROPERTIES TIMEOUT 120)

# Fuzzing: bytes -> frames -> parse -> engine (and pairing). The corpus
# replays as an ordinary test in every build; the libFuzzer target is built
# only with clang and -DATTUNE_FUZZ=ON (scripts/test runs a short pass).
add_library(attune_fuzz_driver STATIC fuzz/frames_to_engine.cpp)
target_link_libraries(attune_fuzz_driver PUBLIC attune_shared attune_security)
target_compile_definitions(attune_fuzz_driver PRIVATE ATTUNE_FUZZ_ASSETS="${ATTUNE_ASSETS_DIR}")
attune_target_defaults(attune_fuzz_driver)

add_executable(attune_fuzz_corpus_tests fuzz/corpus_replay_test.cpp)
target_link_libraries(attune_fuzz_corpus_tests PRIVATE attune_fuzz_driver GTest::gtest_main)
target_compile_definitions(attune_fuzz_corpus_tests PRIVATE
  ATTUNE_FUZZ_CORPUS="${CMAKE_CURRENT_SOURCE_DIR}/fuzz/corpus")
attune_target_defaults(attune_fuzz_corpus_tests)
gtest_discover_tests(attune_fuzz_corpus_tests DISCOVERY_TIMEOUT 60 PROPERTIES TIMEOUT 120)

add_executable(attune_fuzz_seeds fuzz/write_seeds.cpp)
target_link_libraries(attune_fuzz_seeds PRIVATE attune_shared attune_security)
attune_target_defaults(attune_fuzz_seeds)

if(ATTUNE_FUZZ)
  add_executable(attune_fuzz_frames fuzz/frames_fuzz.cpp)
  target_link_libraries(attune_fuzz_frames PRIVATE attune_fuzz_driver)
  target_link_options(attune_fuzz_frames PRIVATE -fsanitize=fuzzer)
  attune_target_defaults(attune_fuzz_frames)
endif()

# Discovery with the real programs, on loopback only.
add_test(NAME programs.bot_discovers_an_announcing_server
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/security/discovery_programs_test.sh
          $<TARGET_FILE:attune-server> $<TARGET_FILE:attune-bot>)
set_tests_properties(programs.bot_discovers_an_announcing_server PROPERTIES TIMEOUT 60)
