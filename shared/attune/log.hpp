// One log for every Attune program (spdlog underneath), to stderr, with
// levels. What goes in: what the program did and what failed. What never
// goes in: anything a partner wrote or chose (text, ratings, feelings, names).
#pragma once

#include <string_view>

namespace attune::log {

enum class Level { kDebug, kInfo, kWarn, kError, kOff };

// Names the program in every line; the level comes from ATTUNE_LOG
// (debug, info, warn, error, off), info when unset.
void init(std::string_view program);
void set_level(Level level);

void debug(std::string_view message);
void info(std::string_view message);
void warn(std::string_view message);
void error(std::string_view message);

}  // namespace attune::log
