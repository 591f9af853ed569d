// The six ATTUNE parts as the screens name and explain them.
#pragma once

#include <array>

namespace attune::ui {

struct PartText {
  const char* letter;
  const char* name;
  const char* meaning;  // one line, about the listener
};

inline constexpr std::array<PartText, 6> kParts{{
    {"A", "Awareness", "Noticed the feeling and asked about it with curiosity."},
    {"T", "Turning toward", "Moved toward the feeling instead of away from it."},
    {"T", "Tolerance", "Let two different views both be valid, without needing to agree."},
    {"U", "Understanding", "Listened without fixing, advising or correcting."},
    {"N", "Non-defensive listening", "Did not take it personally, justify or counter-attack."},
    {"E", "Empathy", "Conveyed that the feeling makes sense."},
}};

}  // namespace attune::ui
