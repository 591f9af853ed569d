// The font atlas: the scripts people type, read from the system's fonts, and
// colour emoji. Characters the first atlas lacks (beyond Latin-1: Greek,
// Cyrillic, Hebrew, Arabic, CJK, emoji, symbols) are
// added when a text on screen first uses them, so the atlas stays small.
#pragma once

#include <imgui.h>

#include <cstddef>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "ui/theme.hpp"

namespace attune::app {

// One font file, mapped read-only: FreeType and the atlas read it in place,
// so a 20 MB CJK collection costs only the pages its glyphs touch.
class MappedFont {
 public:
  explicit MappedFont(const std::string& path);
  ~MappedFont();
  MappedFont(const MappedFont&) = delete;
  MappedFont& operator=(const MappedFont&) = delete;
  [[nodiscard]] bool ok() const { return data_ != nullptr; }
  [[nodiscard]] void* data() const { return data_; }
  [[nodiscard]] std::size_t size() const { return size_; }

 private:
  void* data_ = nullptr;
  std::size_t size_ = 0;
};

class FontSet {
 public:
  FontSet();
  ~FontSet();
  FontSet(const FontSet&) = delete;
  FontSet& operator=(const FontSet&) = delete;

  // Clears ImGui's atlas and fills it again at `scale` (times `ratio` for
  // dense outputs), with every character added so far. Returns the fonts.
  ui::Fonts build(float scale, float ratio);
  // Takes characters a text needed that the atlas lacks; true when one of
  // them can be drawn by some installed font (the atlas should be rebuilt).
  bool want(const std::vector<ImWchar>& codepoints);

  // What is loaded, for the performance notes and the tests.
  [[nodiscard]] std::size_t extra_glyphs() const;
  [[nodiscard]] bool has_colour_emoji() const;

 private:
  struct Source;
  struct Emoji;
  void add_emoji_glyphs(ImFont* font, float size);
  void paint_emoji();

  std::vector<std::unique_ptr<Source>> sources_;  // text fonts, in fallback order
  std::unique_ptr<Emoji> emoji_;
  std::set<ImWchar> decided_;                       // every character looked at, found or not
  std::set<ImWchar> invisible_;                     // joiners and selectors: drawn as nothing
  std::vector<ImWchar> base_ranges_;                // for the first atlas
  std::vector<std::vector<ImWchar>> extra_ranges_;  // kept alive for the atlas, one per source
  struct PendingEmoji {
    int rect;
    ImWchar codepoint;
    ImFont* font;
    float size;
  };
  std::vector<PendingEmoji> pending_;
  void* library_ = nullptr;  // FT_Library
};

}  // namespace attune::app
