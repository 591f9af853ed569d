// How every Attune program introduces itself on the command line: --version
// from the one version CMake sets, and --help laid out the same way in each
// (a name for each value, defaults and limits after the description, long
// lines wrapped, examples at the end). Header-only, for the programs' main().
#pragma once

#include <CLI/CLI.hpp>
#include <initializer_list>
#include <memory>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "attune/version.hpp"

namespace attune {

// CLI11's help, reworded: "--keep-seat MINUTES   minutes ... (1 to 1440;
// default 15)" instead of "--keep-seat UINT:UINT in [1 - 1440]=15".
class HelpLayout : public CLI::Formatter {
 public:
  static constexpr std::size_t kWidth = 100;

  HelpLayout() { column_width(30); }

  std::string make_option_opts(const CLI::Option* option) const override {
    if (!option->get_option_text().empty()) return " " + option->get_option_text();
    if (option->get_type_size() == 0) return {};
    const auto type = option->get_type_name();
    return " " + type.substr(0, type.find(':'));
  }

  std::string make_option_desc(const CLI::Option* option) const override {
    std::string text = option->get_description();
    std::vector<std::string> notes;
    if (option->get_required()) notes.emplace_back("required");
    if (option->get_type_size() != 0) {
      // "UINT:UINT in [1 - 300]" or "TEXT:{light,dark}": the part after the
      // first colon is what the validators accept (unless the text says so).
      const auto type = option->get_type_name();
      if (const auto colon = type.find(':'); colon != std::string::npos) {
        auto accepted = limits(type.substr(colon + 1));
        if (text.find(accepted) == std::string::npos) notes.push_back(std::move(accepted));
      }
      if (!option->get_default_str().empty()) notes.push_back("default " + option->get_default_str());
    }
    if (!option->get_excludes().empty()) {
      std::string names;
      for (const auto* other : option->get_excludes()) names += (names.empty() ? "" : ", ") + other->get_name();
      notes.push_back("not with " + names);
    }
    if (!notes.empty()) {
      text += " (";
      for (std::size_t i = 0; i < notes.size(); ++i) text += (i == 0 ? "" : "; ") + notes[i];
      text += ")";
    }
    return wrap(text, kWidth - get_column_width());
  }

 private:
  // "UINT in [1 - 300]" -> "1 to 300"; "{light,dark}" -> "light or dark".
  static std::string limits(std::string text) {
    if (const auto open = text.find('['); open != std::string::npos && text.back() == ']') {
      text = text.substr(open + 1, text.size() - open - 2);
      if (const auto dash = text.find(" - "); dash != std::string::npos) text.replace(dash, 3, " to ");
      return text;
    }
    if (text.size() > 2 && text.front() == '{' && text.back() == '}') {
      text = text.substr(1, text.size() - 2);
      if (const auto last = text.rfind(','); last != std::string::npos) text.replace(last, 1, " or ");
      for (auto comma = text.find(','); comma != std::string::npos; comma = text.find(',', comma + 2)) {
        text.replace(comma, 1, ", ");
      }
    }
    return text;
  }

  // Breaks at spaces; CLI11 indents each line after a '\n' to the column.
  static std::string wrap(const std::string& text, std::size_t width) {
    std::istringstream words(text);
    std::string word;
    std::string out;
    std::size_t line = 0;
    while (words >> word) {
      if (line > 0 && line + 1 + word.size() > width) {
        out += '\n';
        line = 0;
      } else if (line > 0) {
        out += ' ';
        ++line;
      }
      out += word;
      line += word.size();
    }
    return out;
  }
};

// Gives `app` (and its subcommands) the shared layout, --version, a name for
// each value (`{"--listen", "ADDR:PORT"}`) and the examples shown at the end.
// Call it after the options are added and before parsing; a name for an
// option the program does not have is skipped (help is no reason to stop).
inline void describe_program(CLI::App& app, const std::string& program,
                             std::initializer_list<std::pair<const char*, const char*>> value_names,
                             const std::string& examples) {
  app.name(program);
  app.set_version_flag("--version", program + " " + kVersionString, "print the version and exit");
  app.footer(examples);
  const auto layout = std::make_shared<HelpLayout>();
  std::vector<CLI::App*> apps{&app};
  for (auto* sub : app.get_subcommands({})) apps.push_back(sub);
  for (const auto& [flag, value] : value_names) {
    CLI::Option* option = nullptr;
    for (auto* each : apps) {
      if (option == nullptr) option = each->get_option_no_throw(flag);
    }
    if (option != nullptr) option->option_text(value);
  }
  for (auto* each : apps) {
    each->formatter(layout);
    each->set_help_flag("-h,--help", "print this help and exit");
  }
}

}  // namespace attune
