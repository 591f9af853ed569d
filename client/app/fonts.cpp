#include "app/fonts.hpp"

#include <fcntl.h>
#include <ft2build.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include FT_FREETYPE_H

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <utility>

namespace attune::app {
namespace {

constexpr const char* kDejaVu = "/usr/share/fonts/truetype/dejavu/";
constexpr const char* kNoto = "/usr/share/fonts/truetype/noto/";
constexpr const char* kNotoCjk = "/usr/share/fonts/opentype/noto/";

// What the first atlas holds: Latin-1, punctuation, currency, arrows and the
// box drawn for a character no installed font has: what Attune's own words
// need. Everything else a text on screen uses (Latin Extended, Greek,
// Cyrillic, Hebrew, Arabic and its presentation forms, CJK, symbols, emoji)
// is added when it first appears (ui::note_glyphs, FontSet::want), so the
// start does not rasterise thousands of glyphs nobody may type.
constexpr ImWchar kBaseRanges[] = {0x0020, 0x00FF, 0x2010, 0x205E, 0x20A0, 0x20CF, 0x2190, 0x2193, 0x25A1, 0x25A1, 0};
// Scripts loaded whole the first time one of their characters appears (a
// few hundred glyphs each); up to three blocks per script, {0, 0} unused.
using Block = std::pair<ImWchar, ImWchar>;
constexpr std::array<std::array<Block, 3>, 5> kScripts = {{
    {{{0x0100, 0x024F}, {0x0300, 0x036F}, {0, 0}}},            // Latin Extended, combining marks
    {{{0x0370, 0x03FF}, {0, 0}, {0, 0}}},                      // Greek
    {{{0x0400, 0x052F}, {0, 0}, {0, 0}}},                      // Cyrillic
    {{{0x0590, 0x05FF}, {0xFB1D, 0xFB4F}, {0, 0}}},            // Hebrew
    {{{0x0600, 0x06FF}, {0x0750, 0x077F}, {0xFE70, 0xFEFE}}},  // Arabic, its forms B (ui/bidi_text.hpp)
}};

// The big font shows the title and the join code only.
constexpr ImWchar kBigRanges[] = {0x0020, 0x00FF, 0x2010, 0x205E, 0};
constexpr ImWchar kMissingBox = 0x25A1;

// Joiners, direction marks and variation selectors: part of the text, never seen.
bool invisible(ImWchar c) {
  return (c >= 0x200B && c <= 0x200F) || (c >= 0x2060 && c <= 0x2064) || (c >= 0xFE00 && c <= 0xFE0F) ||
         (c >= 0xE0020 && c <= 0xE007F) || c == 0x034F;
}

bool emoji_first(ImWchar c) { return c >= 0x1F000 && c <= 0x1FAFF; }

std::string existing(const std::string& path) { return ::access(path.c_str(), R_OK) == 0 ? path : std::string(); }

}  // namespace

MappedFont::MappedFont(const std::string& path) {
  if (path.empty()) return;
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return;
  struct stat info {};
  if (::fstat(fd, &info) == 0 && info.st_size > 0) {
    void* mapped = ::mmap(nullptr, static_cast<std::size_t>(info.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
    if (mapped != MAP_FAILED) {
      data_ = mapped;
      size_ = static_cast<std::size_t>(info.st_size);
    }
  }
  ::close(fd);
}

MappedFont::~MappedFont() {
  if (data_ != nullptr) ::munmap(data_, size_);
}

// A text font (regular and bold). `base`: merged into every atlas with
// kBaseRanges; any font gets the characters in `chars` (added on demand).
struct FontSet::Source {
  Source(const std::string& regular_path, const std::string& bold_path, int index_in_file, bool base_font)
      : regular(regular_path),
        bold(bold_path.empty() ? regular_path : bold_path),
        index(index_in_file),
        base(base_font) {}
  MappedFont regular;
  MappedFont bold;
  int index;
  bool base;
  FT_Face face = nullptr;  // the regular face, to ask which characters it has
  std::set<ImWchar> chars;
};

// Noto Color Emoji: PNG bitmaps at one size, scaled down here, since
// imgui_freetype 1.86 cannot size a bitmap-only font.
struct FontSet::Emoji {
  explicit Emoji(const std::string& path) : file(path) {}
  struct Picture {
    int width = 0;
    int height = 0;
    float advance = 0.0F;
    std::vector<std::uint8_t> bgra;  // premultiplied, as FreeType gives it
  };
  MappedFont file;
  FT_Face face = nullptr;
  float ppem = 0.0F;
  std::set<ImWchar> chars;
  std::map<ImWchar, Picture> pictures;

  const Picture* picture(ImWchar c) {
    if (auto found = pictures.find(c); found != pictures.end())
      return found->second.width > 0 ? &found->second : nullptr;
    Picture& picture = pictures[c];
    const FT_UInt glyph = FT_Get_Char_Index(face, c);
    if (glyph == 0 || FT_Load_Glyph(face, glyph, FT_LOAD_COLOR) != 0) return nullptr;
    const FT_Bitmap& bitmap = face->glyph->bitmap;
    if (bitmap.pixel_mode != FT_PIXEL_MODE_BGRA || bitmap.width == 0 || bitmap.rows == 0) return nullptr;
    picture.width = static_cast<int>(bitmap.width);
    picture.height = static_cast<int>(bitmap.rows);
    picture.advance = static_cast<float>(face->glyph->advance.x) / 64.0F;
    picture.bgra.resize(static_cast<std::size_t>(picture.width) * static_cast<std::size_t>(picture.height) * 4U);
    for (int y = 0; y < picture.height; ++y) {
      std::memcpy(picture.bgra.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(picture.width) * 4U,
                  bitmap.buffer + static_cast<std::ptrdiff_t>(y) * bitmap.pitch,
                  static_cast<std::size_t>(picture.width) * 4U);
    }
    return &picture;
  }
};

FontSet::FontSet() {
  FT_Library library = nullptr;
  if (FT_Init_FreeType(&library) == 0) library_ = library;
  base_ranges_.assign(std::begin(kBaseRanges), std::end(kBaseRanges));
  const auto dejavu = existing(std::string(kDejaVu) + "DejaVuSans.ttf");
  if (!dejavu.empty()) {
    sources_.push_back(
        std::make_unique<Source>(dejavu, existing(std::string(kDejaVu) + "DejaVuSans-Bold.ttf"), 0, true));
  }
  // Noto Sans is the main font where DejaVu is missing, else it fills gaps.
  sources_.push_back(std::make_unique<Source>(existing(std::string(kNoto) + "NotoSans-Regular.ttf"),
                                              existing(std::string(kNoto) + "NotoSans-Bold.ttf"), 0, true));
  sources_.push_back(std::make_unique<Source>(existing(std::string(kNoto) + "NotoSansHebrew-Regular.ttf"),
                                              existing(std::string(kNoto) + "NotoSansHebrew-Bold.ttf"), 0, true));
  sources_.push_back(std::make_unique<Source>(existing(std::string(kNoto) + "NotoSansArabic-Regular.ttf"),
                                              existing(std::string(kNoto) + "NotoSansArabic-Bold.ttf"), 0, true));
  // Only for characters the fonts above lack: Chinese, Japanese, Korean
  // (index 0 of the collection, the Japanese design), then symbols.
  sources_.push_back(std::make_unique<Source>(existing(std::string(kNotoCjk) + "NotoSansCJK-Regular.ttc"),
                                              existing(std::string(kNotoCjk) + "NotoSansCJK-Bold.ttc"), 0, false));
  sources_.push_back(
      std::make_unique<Source>(existing(std::string(kNoto) + "NotoSansSymbols2-Regular.ttf"), "", 0, false));
  sources_.push_back(std::make_unique<Source>(existing(std::string(kNoto) + "NotoSansSymbols-Regular.ttf"),
                                              existing(std::string(kNoto) + "NotoSansSymbols-Bold.ttf"), 0, false));
  sources_.erase(std::remove_if(sources_.begin(), sources_.end(), [](const auto& s) { return !s->regular.ok(); }),
                 sources_.end());
  for (auto& source : sources_) {
    if (library_ == nullptr) continue;
    FT_Face face = nullptr;
    if (FT_New_Memory_Face(static_cast<FT_Library>(library_), static_cast<const FT_Byte*>(source->regular.data()),
                           static_cast<FT_Long>(source->regular.size()), source->index, &face) == 0) {
      source->face = face;
    }
  }
  extra_ranges_.resize(sources_.size());
  emoji_ = std::make_unique<Emoji>(existing(std::string(kNoto) + "NotoColorEmoji.ttf"));
  if (library_ != nullptr && emoji_->file.ok()) {
    FT_Face face = nullptr;
    if (FT_New_Memory_Face(static_cast<FT_Library>(library_), static_cast<const FT_Byte*>(emoji_->file.data()),
                           static_cast<FT_Long>(emoji_->file.size()), 0, &face) == 0) {
      if (face->num_fixed_sizes > 0 && FT_Select_Size(face, 0) == 0) {
        emoji_->face = face;
        emoji_->ppem = static_cast<float>(face->available_sizes[0].y_ppem) / 64.0F;
      } else {
        FT_Done_Face(face);
      }
    }
  }
}

FontSet::~FontSet() {
  for (auto& source : sources_) {
    if (source->face != nullptr) FT_Done_Face(source->face);
  }
  if (emoji_ && emoji_->face != nullptr) FT_Done_Face(emoji_->face);
  if (library_ != nullptr) FT_Done_FreeType(static_cast<FT_Library>(library_));
}

bool FontSet::has_colour_emoji() const { return emoji_ && emoji_->face != nullptr; }

std::size_t FontSet::extra_glyphs() const {
  std::size_t count = emoji_ ? emoji_->chars.size() : 0U;
  for (const auto& source : sources_) count += source->chars.size();
  return count;
}

bool FontSet::want(const std::vector<ImWchar>& wanted) {
  // A letter of a small script brings its whole script: one atlas rebuild
  // when Hebrew first appears, not one per new letter typed.
  std::vector<ImWchar> codepoints;
  for (const ImWchar c : wanted) {
    bool in_script = false;
    for (const auto& script : kScripts) {
      bool member = false;
      for (const auto& [first, last] : script) member = member || (c >= first && c <= last);
      if (!member) continue;
      in_script = true;
      for (const auto& [first, last] : script) {
        if (first == 0) continue;
        for (ImWchar each = first; each <= last; ++each) codepoints.push_back(each);
      }
    }
    if (!in_script) codepoints.push_back(c);
  }
  bool added = false;
  for (const ImWchar c : codepoints) {
    if (!decided_.insert(c).second) continue;
    if (invisible(c)) {
      invisible_.insert(c);
      added = true;
      continue;
    }
    const bool emoji_has = emoji_->face != nullptr && FT_Get_Char_Index(emoji_->face, c) != 0;
    if (emoji_has && emoji_first(c)) {
      emoji_->chars.insert(c);
      added = true;
      continue;
    }
    bool found = false;
    for (auto& source : sources_) {
      if (source->face == nullptr || FT_Get_Char_Index(source->face, c) == 0) continue;
      source->chars.insert(c);
      found = true;
      break;
    }
    if (!found && emoji_has) {
      emoji_->chars.insert(c);
      found = true;
    }
    added = added || found;
  }
  return added;
}

void FontSet::add_emoji_glyphs(ImFont* font, float size) {
  ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  for (const ImWchar c : invisible_) atlas->AddCustomRectFontGlyph(font, c, 1, 1, 0.0F, ImVec2(0, 0));
  if (emoji_->face == nullptr) return;
  for (const ImWchar c : emoji_->chars) {
    const auto* picture = emoji_->picture(c);
    if (picture == nullptr) continue;
    // A little smaller than the line, centred on it, as emoji sit in text.
    const float scale = size * 0.9F / static_cast<float>(picture->height);
    const int width = std::max(1, static_cast<int>(std::lround(static_cast<float>(picture->width) * scale)));
    const int height = std::max(1, static_cast<int>(std::lround(static_cast<float>(picture->height) * scale)));
    const float advance = std::round(std::max(picture->advance * scale, static_cast<float>(width)) + size * 0.08F);
    const ImVec2 offset(std::round(size * 0.04F), std::round((size - static_cast<float>(height)) * 0.5F));
    const int rect = atlas->AddCustomRectFontGlyph(font, c, width, height, advance, offset);
    pending_.push_back({rect, c, font, size});
  }
}

void FontSet::paint_emoji() {
  ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  unsigned char* bytes = nullptr;
  int tex_width = 0;
  int tex_height = 0;
  atlas->GetTexDataAsRGBA32(&bytes, &tex_width, &tex_height);
  if (bytes == nullptr) return;
  auto* pixels = reinterpret_cast<std::uint32_t*>(bytes);
  for (const auto& pending : pending_) {
    const ImFontAtlasCustomRect* rect = atlas->GetCustomRectByIndex(pending.rect);
    const auto* picture = emoji_->picture(pending.codepoint);
    if (rect == nullptr || !rect->IsPacked() || picture == nullptr) continue;
    // Box filter over premultiplied pixels, then back to straight alpha.
    for (int y = 0; y < rect->Height; ++y) {
      const int sy0 = y * picture->height / rect->Height;
      const int sy1 = std::max(sy0 + 1, (y + 1) * picture->height / rect->Height);
      for (int x = 0; x < rect->Width; ++x) {
        const int sx0 = x * picture->width / rect->Width;
        const int sx1 = std::max(sx0 + 1, (x + 1) * picture->width / rect->Width);
        float sum[4] = {0, 0, 0, 0};
        for (int sy = sy0; sy < sy1; ++sy) {
          for (int sx = sx0; sx < sx1; ++sx) {
            const std::uint8_t* p =
                picture->bgra.data() + (static_cast<std::size_t>(sy) * static_cast<std::size_t>(picture->width) +
                                        static_cast<std::size_t>(sx)) *
                                           4U;
            for (int k = 0; k < 4; ++k) sum[k] += p[k];
          }
        }
        const float n = static_cast<float>((sy1 - sy0) * (sx1 - sx0));
        const float a = sum[3] / n;
        const auto channel = [&](float premultiplied) {
          return static_cast<unsigned>(a > 0.0F ? std::min(255.0F, premultiplied / n * 255.0F / a) : 0.0F);
        };
        pixels[static_cast<std::size_t>(rect->Y + y) * static_cast<std::size_t>(tex_width) + rect->X +
               static_cast<std::size_t>(x)] =
            IM_COL32(channel(sum[2]), channel(sum[1]), channel(sum[0]), static_cast<unsigned>(a));
      }
    }
    if (const ImFontGlyph* glyph = pending.font->FindGlyphNoFallback(pending.codepoint)) {
      const_cast<ImFontGlyph*>(glyph)->Colored = 1;  // drawn in its own colours, not the text's
    }
  }
  if (!pending_.empty()) atlas->TexPixelsUseColors = true;
}

ui::Fonts FontSet::build(float scale_in, float ratio) {
  ImGuiIO& io = ImGui::GetIO();
  const float scale = scale_in * ratio;
  io.FontGlobalScale = 1.0F / ratio;
  io.Fonts->Clear();
  pending_.clear();
  ui::Fonts fonts;
  Source* main = nullptr;
  for (auto& source : sources_) {
    if (source->base) {
      main = source.get();
      break;
    }
  }
  if (main == nullptr) {
    // ImGui's own font, sized up: plain, Latin only, but always there.
    ImFontConfig config;
    config.SizePixels = std::round(13.0F * scale);
    fonts.body = io.Fonts->AddFontDefault(&config);
    io.Fonts->Build();
    return fonts;
  }
  // Ranges of each font (the first atlas's for the base fonts, then the
  // characters added so far), kept alive until the next build.
  std::size_t main_index = 0;
  for (std::size_t i = 0; i < sources_.size(); ++i) {
    if (sources_[i].get() == main) main_index = i;
    auto& ranges = extra_ranges_[i];
    ranges.clear();
    if (sources_[i]->base) ranges.assign(base_ranges_.begin(), base_ranges_.end() - 1);  // without the closing 0
    for (const ImWchar c : sources_[i]->chars) {
      ranges.push_back(c);
      ranges.push_back(c);
    }
    if (!ranges.empty()) ranges.push_back(0);
  }
  const auto add = [&](float size_1x, bool bold, bool full) {
    const float size = std::round(size_1x * scale);
    ImFontConfig config;
    config.FontDataOwnedByAtlas = false;
    MappedFont& first = bold ? main->bold : main->regular;
    ImFont* font = io.Fonts->AddFontFromMemoryTTF(first.data(), static_cast<int>(first.size()), size, &config,
                                                  full ? extra_ranges_[main_index].data() : kBigRanges);
    if (!full) return font;
    for (std::size_t i = 0; i < sources_.size(); ++i) {
      Source& source = *sources_[i];
      if (&source == main || extra_ranges_[i].empty()) continue;
      ImFontConfig merged;
      merged.FontDataOwnedByAtlas = false;
      merged.MergeMode = true;
      merged.FontNo = source.index;
      MappedFont& file = bold ? source.bold : source.regular;
      io.Fonts->AddFontFromMemoryTTF(file.data(), static_cast<int>(file.size()), size, &merged,
                                     extra_ranges_[i].data());
    }
    add_emoji_glyphs(font, size);
    return font;
  };
  fonts.body = add(18.0F, false, true);
  fonts.heading = add(23.0F, true, true);
  fonts.big = add(52.0F, true, false);
  fonts.small = add(15.0F, false, true);
  io.Fonts->Build();
  paint_emoji();
  // A character no installed font has shows as a box, not as "?".
  for (ImFont* font : io.Fonts->Fonts) {
    if (font->FindGlyphNoFallback(kMissingBox) != nullptr) {
      font->FallbackChar = kMissingBox;
      font->BuildLookupTable();
    }
  }
  return fonts;
}

}  // namespace attune::app
