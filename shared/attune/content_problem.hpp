// A problem found checking content, with where it is inside the message so
// the loader can name the line in the file.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace attune {

struct ContentProblem {
  std::string message;
  // The path to the field at fault, outermost first: {{"rules", 3}, {"phrases", 1}}.
  using Where = std::vector<std::pair<std::string, int>>;
  Where where;
};

}  // namespace attune
