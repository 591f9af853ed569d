// The six ATTUNE parts as the screens name and explain them.
#pragma once

#include <array>

namespace attune::ui {

struct PartText {
  const char* letter;
  const char* name;
  const char* meaning;     // one line, about the listener
  const char* short_name;  // for the radar's labels
};

inline constexpr std::array<PartText, 6> kParts{{
    {"A", "Awareness", "Noticed the feeling and asked about it with curiosity.", "Awareness"},
    {"T", "Turning toward", "Moved toward the feeling instead of away from it.", "Turning toward"},
    {"T", "Tolerance", "Let two different views both be valid, without needing to agree.", "Tolerance"},
    {"U", "Understanding", "Listened without fixing, advising or correcting.", "Understanding"},
    {"N", "Non-defensive listening", "Did not take it personally, justify or counter-attack.", "Non-defensive"},
    {"E", "Empathy", "Conveyed that the feeling makes sense.", "Empathy"},
}};

}  // namespace attune::ui
